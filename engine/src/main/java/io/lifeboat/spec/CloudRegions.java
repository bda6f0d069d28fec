package io.lifeboat.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The regions each cloud of the spec language offers, with how many availability zones a
 * platform can spread over in each.
 */
public final class CloudRegions {
    private static final Map<String, Map<String, Integer>> ZONES = new LinkedHashMap<>();

    static {
        Map<String, Integer> aws = new LinkedHashMap<>();
        aws.put("us-east-1", 6);
        aws.put("us-east-2", 3);
        aws.put("us-west-1", 2);
        aws.put("us-west-2", 4);
        aws.put("af-south-1", 3);
        aws.put("ap-east-1", 3);
        aws.put("ap-south-1", 3);
        aws.put("ap-south-2", 3);
        aws.put("ap-southeast-1", 3);
        aws.put("ap-southeast-2", 3);
        aws.put("ap-southeast-3", 3);
        aws.put("ap-southeast-4", 3);
        aws.put("ap-southeast-5", 3);
        aws.put("ap-southeast-7", 3);
        aws.put("ap-northeast-1", 3);
        aws.put("ap-northeast-2", 4);
        aws.put("ap-northeast-3", 3);
        aws.put("ca-central-1", 3);
        aws.put("ca-west-1", 3);
        aws.put("eu-central-1", 3);
        aws.put("eu-central-2", 3);
        aws.put("eu-west-1", 3);
        aws.put("eu-west-2", 3);
        aws.put("eu-west-3", 3);
        aws.put("eu-south-1", 3);
        aws.put("eu-south-2", 3);
        aws.put("eu-north-1", 3);
        aws.put("il-central-1", 3);
        aws.put("me-south-1", 3);
        aws.put("me-central-1", 3);
        aws.put("mx-central-1", 3);
        aws.put("sa-east-1", 3);
        aws.put("us-gov-east-1", 3);
        aws.put("us-gov-west-1", 3);
        ZONES.put("aws", aws);

        Map<String, Integer> gcp = new LinkedHashMap<>();
        for (String r : new String[] {"us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3",
                "us-west4", "northamerica-northeast1", "northamerica-northeast2", "southamerica-east1", "southamerica-west1",
                "europe-central2", "europe-north1", "europe-southwest1", "europe-west1", "europe-west2", "europe-west3",
                "europe-west4", "europe-west6", "europe-west8", "europe-west9", "europe-west10", "europe-west12",
                "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1",
                "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2",
                "me-central1", "me-central2", "me-west1", "africa-south1"}) {
            gcp.put(r, 3);
        }
        gcp.put("us-central1", 4);
        ZONES.put("gcp", gcp);
    }

    private CloudRegions() {
    }

    public static Set<String> clouds() {
        return ZONES.keySet();
    }

    public static Set<String> regions(String cloud) {
        Map<String, Integer> r = ZONES.get(cloud);
        return r == null ? Set.of() : r.keySet();
    }

    public static boolean exists(String cloud, String region) {
        return regions(cloud).contains(region);
    }

    /** Availability zones in the region; 0 when the region is unknown. */
    public static int zones(String cloud, String region) {
        Map<String, Integer> r = ZONES.get(cloud);
        return r == null ? 0 : r.getOrDefault(region, 0);
    }
}
