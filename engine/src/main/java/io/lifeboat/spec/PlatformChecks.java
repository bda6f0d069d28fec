package io.lifeboat.spec;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks on a platform's meaning that a schema cannot express: CIDR arithmetic, limits between
 * fields, and, when the platform is bound to a stack, what its cloud and region allow.
 */
final class PlatformChecks {
    private static final Pattern AWS_VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern GCP_NETWORK = Pattern.compile(
            "[a-z]([-a-z0-9]{0,61}[a-z0-9])?|(https://www\\.googleapis\\.com/compute/v1/)?projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/global/networks/[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern AWS_ACCOUNT = Pattern.compile("[0-9]{12}");
    static final Duration MIN_BACKUP_INTERVAL = Duration.ofMinutes(15);
    static final Duration MAX_BACKUP_INTERVAL = Duration.ofHours(24);

    private final Diagnostics d;
    private final SourceMap src;
    private final String cloud;
    private final String region;

    /** {@code cloud} and {@code region} are null when the platform is checked on its own. */
    PlatformChecks(Diagnostics diagnostics, SourceMap sources, String cloud, String region) {
        this.d = diagnostics;
        this.src = sources;
        this.cloud = cloud;
        this.region = region;
    }

    void check(Platform p) {
        network(p.network());
        peerings(p.network(), p.peerings());
        nodePools(p.cluster().nodePools());
        database(p.database());
        deployments(p.deployments());
        new ReferenceChecks(d, src).check(p.resources());
    }

    private void network(Platform.Network n) {
        Cidr cidr = n.cidr();
        if (cidr == null) return;
        SourcePosition at = src.at("spec.network.cidr");
        if (!cidr.isPrivate()) {
            d.warning(DiagnosticCode.PUBLIC_CIDR, at, cidr + " is not in a private range (RFC 1918 or 100.64.0.0/10)",
                    "use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
        }
        int lowest = "gcp".equals(cloud) ? 8 : 16;
        if (cloud != null && (cidr.prefix() < lowest || cidr.prefix() > 28)) {
            d.error(DiagnosticCode.CIDR_PREFIX, at, cloud + " network blocks must be /" + lowest + " to /28, found /" + cidr.prefix(),
                    "use a prefix between /" + lowest + " and /28");
            return;
        }
        if (src.rejected("spec.network.zones")) return; // already reported; its value means nothing here
        int subnets = 2 * n.zones();
        int bits = 32 - Integer.numberOfLeadingZeros(subnets - 1);
        if (cidr.prefix() + bits > 28) {
            d.error(DiagnosticCode.ZONES_DO_NOT_FIT, src.at("spec.network.zones"),
                    cidr + " cannot hold " + subnets + " subnets (a public and a private one in each of " + n.zones()
                            + " zones) of at least /28",
                    "use a larger block (at most /" + (28 - bits) + ") or fewer zones");
        }
        if (cloud != null && region != null && CloudRegions.exists(cloud, region)) {
            int available = CloudRegions.zones(cloud, region);
            if (n.zones() > available) {
                d.error(DiagnosticCode.ZONES_DO_NOT_FIT, src.at("spec.network.zones"),
                        region + " has " + available + " availability zones; the network asks for " + n.zones(),
                        "set zones: " + available + " or fewer (in the stack's overrides if only this region is smaller)");
            }
        }
    }

    private void peerings(Platform.Network network, List<Platform.Peering> peerings) {
        for (int i = 0; i < peerings.size(); i++) {
            Platform.Peering p = peerings.get(i);
            String path = "spec.peerings[" + i + "]";
            if (p.peerCidr() != null && network.cidr() != null && p.peerCidr().overlaps(network.cidr())) {
                d.error(DiagnosticCode.CIDR_OVERLAP, src.at(path + ".peerCidr"),
                        "peer block " + p.peerCidr() + " of peering '" + p.name() + "' overlaps the network's " + network.cidr(),
                        "peered networks need disjoint blocks; change network.cidr or the peering");
            }
            for (int j = 0; j < i; j++) {
                Platform.Peering q = peerings.get(j);
                if (p.peerCidr() != null && q.peerCidr() != null && p.peerCidr().overlaps(q.peerCidr())) {
                    d.error(DiagnosticCode.CIDR_OVERLAP, src.at(path + ".peerCidr"),
                            "peer block " + p.peerCidr() + " of '" + p.name() + "' overlaps " + q.peerCidr() + " of '" + q.name() + "'",
                            "routes to two peers cannot share addresses; fix one of the blocks");
                }
            }
            if (p.peerRegion() != null) region(p.peerRegion(), path + ".peerRegion", "peer region");
            if ("gcp".equals(cloud)) {
                if (p.peerVpcId() != null && !GCP_NETWORK.matcher(p.peerVpcId()).matches()) {
                    d.error(DiagnosticCode.INVALID_FOR_CLOUD, src.at(path + ".peerVpcId"),
                            "'" + p.peerVpcId() + "' is not a GCP network name or self link",
                            "use the peer network's name (lowercase letters, digits and hyphens, such as corp-net) or its self link");
                }
                if (p.peerAccount() != null && !Formats.GCP_PROJECT.pattern().matcher(p.peerAccount()).matches()) {
                    d.error(DiagnosticCode.INVALID_FOR_CLOUD, src.at(path + ".peerAccount"),
                            "'" + p.peerAccount() + "' is not a GCP project id", "use the peer network's project id, such as acme-corp-network");
                }
            }
            if ("aws".equals(cloud)) {
                if (p.peerVpcId() != null && !AWS_VPC_ID.matcher(p.peerVpcId()).matches()) {
                    d.error(DiagnosticCode.INVALID_FOR_CLOUD, src.at(path + ".peerVpcId"),
                            "'" + p.peerVpcId() + "' is not an AWS VPC id", "use vpc- followed by 8 or 17 hexadecimal digits");
                }
                if (p.peerAccount() != null && !AWS_ACCOUNT.matcher(p.peerAccount()).matches()) {
                    d.error(DiagnosticCode.INVALID_FOR_CLOUD, src.at(path + ".peerAccount"),
                            "'" + p.peerAccount() + "' is not an AWS account id", "use the 12 digits, quoted");
                }
            }
        }
    }

    private void nodePools(List<Platform.NodePool> pools) {
        for (int i = 0; i < pools.size(); i++) {
            Platform.NodePool p = pools.get(i);
            String path = "spec.cluster.nodePools[" + i + "]";
            if (src.has(path + ".min") && src.has(path + ".max") && !src.rejected(path + ".min") && !src.rejected(path + ".max")
                    && p.min() > p.max()) {
                d.error(DiagnosticCode.MIN_GREATER_THAN_MAX, src.at(path + ".min"),
                        "node pool '" + p.name() + "' has min " + p.min() + " above max " + p.max(), "make min at most max");
            }
            machine(p.instanceType(), path + ".instanceType", false);
        }
    }

    private void database(Platform.Database db) {
        Duration every = db.backup().every();
        if (every != null && (every.compareTo(MAX_BACKUP_INTERVAL) > 0 || every.compareTo(MIN_BACKUP_INTERVAL) < 0)) {
            d.error(DiagnosticCode.BACKUP_INTERVAL, src.at("spec.database.backup.every"),
                    "backups every " + Durations.format(every) + " are outside what failover can rely on (15m to 24h)",
                    every.compareTo(MAX_BACKUP_INTERVAL) > 0 ? "back up at least daily: every: 24h or less" : "use 15m or more");
        }
        machine(db.size(), "spec.database.size", true);
    }

    private void deployments(List<Platform.Deployment> deployments) {
        for (int i = 0; i < deployments.size(); i++) {
            Platform.Deployment dep = deployments.get(i);
            if (!dep.executor().equals("celery") && src.has("spec.deployments[" + i + "].workerQueues")) {
                d.error(DiagnosticCode.INVALID_VALUE, src.at("spec.deployments[" + i + "].workerQueues"),
                        "worker queues are served by celery workers; the " + dep.executor() + " executor runs none",
                        "set executor: celery, or remove workerQueues");
            }
            String image = dep.image();
            if (image == null) continue;
            String last = image.substring(image.lastIndexOf('/') + 1);
            boolean pinned = image.contains("@sha256:") || (last.contains(":") && !last.endsWith(":latest"));
            if (!pinned) {
                d.warning(DiagnosticCode.UNPINNED_IMAGE, src.at("spec.deployments[" + i + "].image"),
                        "image '" + image + "' has no fixed tag; a failover may start a different image than the primary runs",
                        "pin it with a version tag or a digest");
            }
        }
    }

    /**
     * A node pool's machine type or the database's size, on the stack's cloud: GCP's exactly (see
     * {@link MachineTypes}), AWS's in their loose form; a value of the other cloud, or of the other
     * kind, is refused with the nearest equivalent by vCPUs and memory.
     */
    private void machine(String value, String path, boolean database) {
        if (value == null || cloud == null) return;
        MachineTypes.Refusal refusal = MachineTypes.check(value, MachineTypes.Kind.of(cloud, database));
        if (refusal != null) d.error(DiagnosticCode.INVALID_FOR_CLOUD, src.at(path), refusal.message(), refusal.fix());
    }

    private void region(String value, String path, String what) {
        if (cloud != null ? CloudRegions.exists(cloud, value) : anyCloudHas(value)) return;
        java.util.Set<String> known = cloud != null ? CloudRegions.regions(cloud) : allRegions();
        String near = Suggestions.nearest(value, known);
        d.error(DiagnosticCode.UNKNOWN_REGION, src.at(path),
                "'" + value + "' is not a " + what + (cloud != null ? " of " + cloud : " of any cloud"),
                near != null ? "did you mean '" + near + "'?" : "use a region such as " + known.iterator().next());
    }

    private static boolean anyCloudHas(String region) {
        for (String c : CloudRegions.clouds()) {
            if (CloudRegions.exists(c, region)) return true;
        }
        return false;
    }

    private static java.util.Set<String> allRegions() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (String c : CloudRegions.clouds()) all.addAll(CloudRegions.regions(c));
        return all;
    }
}
