package io.lifeboat.providers.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.lifeboat.provider.ProviderException;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * The copies of a database's snapshots that Lifeboat keeps in its pair's region, named
 * {@code <instance>-dr-<time>}: the newest available one is what a failover restores from.
 */
final class SnapshotCopies {
    static final String INFIX = "-dr-";

    private SnapshotCopies() {
    }

    /** The identifier of a database instance from its ARN ({@code arn:aws:rds:REGION:ACCOUNT:db:NAME}); null when not one. */
    static String instanceOf(String arn) {
        if (arn == null) return null;
        String[] parts = arn.split(":", 7);
        return parts.length == 7 && parts[0].equals("arn") && parts[5].equals("db") ? parts[6] : null;
    }

    static String regionOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 7);
        return parts.length > 3 ? parts[3] : null;
    }

    /** The available copies of {@code instance}'s snapshots in the region of {@code aws}, newest first. */
    static List<DBSnapshot> of(AwsClients aws, String instance) throws ProviderException {
        List<DBSnapshot> out = new ArrayList<>();
        for (DBSnapshot s : AwsCall.run("DescribeDBSnapshots in " + aws.region(), () -> aws.rds().describeDBSnapshotsPaginator(r -> r
                .snapshotType("manual")).dbSnapshots().stream().toList())) {
            if (s.dbSnapshotIdentifier().startsWith(instance + INFIX) && "available".equals(s.status())) out.add(s);
        }
        out.sort(Comparator.comparing(SnapshotCopies::takenAt, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return out;
    }

    static Optional<DBSnapshot> newest(AwsClients aws, String instance) throws ProviderException {
        List<DBSnapshot> all = of(aws, instance);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** When the data in a copy was taken: the source snapshot's time, which a copy keeps. */
    static Instant takenAt(DBSnapshot s) {
        return s.originalSnapshotCreateTime() != null ? s.originalSnapshotCreateTime() : s.snapshotCreateTime();
    }
}
