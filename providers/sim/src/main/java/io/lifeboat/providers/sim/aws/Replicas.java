package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SECRET;
import static io.lifeboat.program.aws.AwsSchemas.SECRET_VERSION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.resource.Props;

/**
 * Secrets Manager's replication: a secret's replicas (same name, same ARN suffix, in the replica
 * regions) and its versions copied to them. A region where another secret already has the name
 * gets no replica, as the real service then reports the replication as failed.
 */
final class Replicas {
    private Replicas() {
    }

    static void sync(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        SimObject o = after != null ? after : before;
        if (o.hidden().containsKey(SecretType.REPLICA_OF)) return;
        if (o.type().equals(SECRET)) syncSecret(before, after, cloud, now);
        else if (o.type().equals(SECRET_VERSION)) syncVersion(before, after, cloud, now);
    }

    private static void syncSecret(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        List<String> had = before == null ? List.of() : SecretType.replicaRegions(before.inputs());
        List<String> wanted = after == null ? List.of() : SecretType.replicaRegions(after.inputs());
        String primary = after != null ? after.id() : before.id();
        for (String region : had) {
            if (!wanted.contains(region)) removeReplica(cloud, region, primary);
        }
        if (after == null) return;
        for (String region : wanted) {
            String replicaId = inRegion(primary, region);
            SimObject existing = cloud.object(region, SECRET, replicaId);
            if (existing != null && !isReplicaOf(existing, primary)) continue; // promoted to a secret of its own
            if (existing == null && nameTaken(cloud, region, after.inputs().string("name"))) continue;
            Props inputs = Props.builder().put("name", after.inputs().get("name")).put("description", after.inputs().get("description")).build();
            cloud.put(new SimObject(replicaId, SECRET, region, SimObject.AVAILABLE, existing == null ? now : existing.createdAt(), null, null,
                    inputs, Props.builder().put("arn", replicaId).build(), Map.of(SecretType.REPLICA_OF, primary)));
            if (existing == null) {
                for (SimObject version : cloud.objects(after.region(), SECRET_VERSION)) {
                    if (primary.equals(version.computed().string("arn"))) putVersionReplica(cloud, region, version, now);
                }
            }
        }
    }

    private static void syncVersion(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        SimObject version = after != null ? after : before;
        String secretArn = version.computed().string("arn");
        SimObject secret = cloud.object(version.region(), SECRET, secretArn);
        List<String> regions = new ArrayList<>();
        if (secret != null) regions.addAll(SecretType.replicaRegions(secret.inputs()));
        for (String region : regions) {
            String copyId = inRegion(secretArn, region) + "|" + version.computed().string("versionId");
            if (after == null) {
                SimObject copy = cloud.object(region, SECRET_VERSION, copyId);
                if (copy != null && isReplicaOf(copy, version.id())) cloud.remove(region, SECRET_VERSION, copyId);
            } else if (isReplicaOf(cloud.object(region, SECRET, inRegion(secretArn, region)), secretArn)) {
                putVersionReplica(cloud, region, version, now);
            }
        }
    }

    private static void putVersionReplica(SimCloud cloud, String region, SimObject version, Instant now) {
        String replicaSecret = inRegion(version.computed().string("arn"), region);
        String versionId = version.computed().string("versionId");
        Props inputs = Props.builder().put("secretId", replicaSecret).put("secretString", version.inputs().get("secretString")).build();
        Props computed = version.computed().with("arn", new io.lifeboat.resource.PropertyValue.Str(replicaSecret));
        cloud.put(new SimObject(replicaSecret + "|" + versionId, SECRET_VERSION, region, SimObject.AVAILABLE, now, null, null,
                inputs, computed, Map.of(SecretType.REPLICA_OF, version.id())));
    }

    private static void removeReplica(SimCloud cloud, String region, String primary) {
        String replicaId = inRegion(primary, region);
        SimObject replica = cloud.object(region, SECRET, replicaId);
        if (!isReplicaOf(replica, primary)) return;
        for (SimObject v : cloud.objects(region, SECRET_VERSION)) {
            if (replicaId.equals(v.computed().string("arn"))) cloud.remove(region, SECRET_VERSION, v.id());
        }
        cloud.remove(region, SECRET, replicaId);
    }

    private static boolean isReplicaOf(SimObject o, String primary) {
        return o != null && primary.equals(o.hidden().get(SecretType.REPLICA_OF));
    }

    private static boolean nameTaken(SimCloud cloud, String region, String name) {
        for (SimObject s : cloud.objects(region, SECRET)) {
            if (name.equals(s.inputs().string("name"))) return true;
        }
        return false;
    }

    /** The same ARN in another region. */
    static String inRegion(String arn, String region) {
        String[] parts = arn.split(":", 6);
        parts[3] = region;
        return String.join(":", parts);
    }
}
