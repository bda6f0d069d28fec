package io.lifeboat.providers.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.HoldsReplicas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The hot standby's database on moto's server (skipped when moto_server is not installed): a
 * source made in us-east-1, its read replica in us-west-2 made from its ARN, read, asked how it
 * replicates and how far behind it is, promoted, deleted. Where moto falls short of RDS the test
 * says so and asserts what moto does:
 * <ul>
 * <li>moto keeps {@code ReadReplicaSourceDBInstanceIdentifier} after PromoteReadReplica (it only
 * clears its own is-replica flag), so the promotion's wait for the instance to stand alone cannot
 * end there: the update runs to a short deadline, and the test reads in moto that the promotion
 * was taken (the retention it set);</li>
 * <li>moto reports no {@code StatusInfos}: a replica is replicating for want of a problem;</li>
 * <li>moto's CloudWatch has no RDS metrics: no {@code ReplicaLag} is null, and one put with
 * PutMetricData is read back through the same signed Query API;</li>
 * <li>moto checks none of a cross-region replica's conditions (KmsKeyId, PreSignedUrl, a
 * Secrets Manager-managed source password, a final snapshot of a replica) and 500s on deleting a
 * cross-region replica that was not promoted (it looks the replica up by identifier in a list of
 * ARNs): those are {@link AwsDbReplicaTest}'s, on {@link FakeRds}.</li>
 * </ul>
 */
class AwsDbReplicaOnMotoTest {
    private static Process moto;
    private static int port;

    @BeforeAll
    static void startEmulator() throws Exception {
        Path server = onPath("moto_server");
        Assumptions.assumeTrue(server != null, "moto_server is not installed");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        moto = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HttpClient http = HttpClient.newHttpClient();
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).build(), HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException e) {
                if (System.currentTimeMillis() > until) throw new IllegalStateException("moto_server did not start on " + port, e);
                Thread.sleep(200);
            }
        }
    }

    @AfterAll
    static void stopEmulator() {
        if (moto != null) moto.destroy();
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static ProviderConfig config(String region) {
        return new ProviderConfig("aws", region, endpoint(), Path.of("."), Map.of("pollMillis", "20"));
    }

    private static AwsProvider provider(String region) throws ProviderException {
        return (AwsProvider) new AwsProviderFactory().open(config(region));
    }

    private static OperationContext ctx(Urn urn, Duration timeout) {
        return OperationContext.of(urn, timeout);
    }

    @Test
    void aReplicaInAnotherRegionIsMadeReadAskedAndPromoted() throws Exception {
        try (AwsProvider east = provider("us-east-1"); AwsProvider west = provider("us-west-2");
                AwsClients westClients = new AwsClients(AwsSettings.of(config("us-west-2")))) {
            Urn primaryUrn = new Urn("prod-use1", "data-platform", AwsSchemas.DB_INSTANCE, "metadata");
            Urn urn = new Urn("prod-usw2", "data-platform", AwsSchemas.DB_INSTANCE, "metadata");
            // RDS makes no replica of a source whose master password it manages: the source has its own
            Props primary = Props.builder().put("identifier", "prod-use1-metadata").put("engine", "postgres").put("engineVersion", "15")
                    .put("instanceClass", "db.t3.micro").put("allocatedStorage", 20).put("storageEncrypted", true)
                    .put("backupRetentionPeriod", 7).put("username", "lifeboat").put("password", "long-enough-pw").put("dbName", "metadata")
                    .put("skipFinalSnapshot", true).build();
            ResourceType.Created source = east.type(AwsSchemas.DB_INSTANCE).create(primaryUrn, primary, ctx(primaryUrn, Duration.ofSeconds(30)));
            String arn = source.outputs().string("arn");
            assertThat(arn).isEqualTo("arn:aws:rds:us-east-1:123456789012:db:prod-use1-metadata");

            Props standby = Props.builder().put("identifier", "prod-usw2-metadata").put("replicateSourceDb", arn).put("kmsKeyId", "alias/aws/rds")
                    .put("instanceClass", "db.t3.micro").put("engine", "postgres").put("engineVersion", "15").put("allocatedStorage", 20)
                    .put("storageEncrypted", true).put("multiAz", false).put("backupRetentionPeriod", 7).put("username", "lifeboat")
                    .put("dbName", "metadata").put("manageMasterUserPassword", true).put("skipFinalSnapshot", true)
                    .put("finalSnapshotIdentifier", "prod-usw2-metadata-final")
                    .put("tags", PropertyValue.fromJava(Map.of("Name", "prod-usw2-metadata"))).build();
            ResourceType type = west.type(AwsSchemas.DB_INSTANCE);
            ResourceType.Created made = type.create(urn, standby, ctx(urn, Duration.ofSeconds(30)));

            assertThat(made.outputs().string("arn")).isEqualTo("arn:aws:rds:us-west-2:123456789012:db:prod-usw2-metadata");
            assertThat(made.outputs().string("status")).isEqualTo("available");
            assertThat(made.outputs().string("replicateSourceDb")).isEqualTo(arn);
            assertThat(made.outputs().get("storageEncrypted")).isEqualTo(PropertyValue.of(true));

            ResourceType.Observed seen = type.read(made.id(), standby, made.outputs(), ctx(urn, Duration.ofSeconds(10))).orElseThrow();
            assertThat(seen.inputs().string("replicateSourceDb")).isEqualTo(arn);
            assertThat(seen.inputs().string("username")).isEqualTo("lifeboat");

            HoldsReplicas holds = (HoldsReplicas) type;
            HoldsReplicas.Replica replica = holds.replica(made.id(), made.outputs(), ctx(urn, Duration.ofSeconds(10))).orElseThrow();
            assertThat(replica.source()).isEqualTo(arn);
            assertThat(replica.replicating()).isTrue();
            assertThat(replica.problem()).isNull();
            // moto's CloudWatch has no RDS metrics
            assertThat(replica.lag()).isNull();

            Map<String, String> put = new LinkedHashMap<>();
            put.put("Action", "PutMetricData");
            put.put("Version", CloudWatchMetrics.VERSION);
            put.put("Namespace", "AWS/RDS");
            put.put("MetricData.member.1.MetricName", "ReplicaLag");
            put.put("MetricData.member.1.Dimensions.member.1.Name", "DBInstanceIdentifier");
            put.put("MetricData.member.1.Dimensions.member.1.Value", made.id());
            put.put("MetricData.member.1.Timestamp", Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.SECONDS).toString());
            put.put("MetricData.member.1.Value", "4");
            put.put("MetricData.member.1.Unit", "Seconds");
            new CloudWatchMetrics(westClients).call("PutMetricData", put);
            assertThat(holds.replica(made.id(), made.outputs(), ctx(urn, Duration.ofSeconds(10))).orElseThrow().lag()).isEqualTo(Duration.ofSeconds(4));

            // the failover's goal; 14 days of backups, unlike the source's 7, to read in moto that the promotion was taken
            Props failover = standby.without("replicateSourceDb").with("skipFinalSnapshot", PropertyValue.of(false))
                    .with("multiAz", PropertyValue.of(true)).with("backupRetentionPeriod", PropertyValue.of(14));
            assertThatThrownBy(() -> type.update(made.id(), made.outputs(), failover, ctx(urn, Duration.ofSeconds(3))))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
                        assertThat(e.getMessage()).contains("to be promoted");
                    });
            DBInstance promoted = westClients.rds().describeDBInstances(r -> r.dbInstanceIdentifier(made.id())).dbInstances().get(0);
            assertThat(promoted.backupRetentionPeriod()).isEqualTo(14);
            // moto's gap: RDS drops the source once promoted
            assertThat(promoted.readReplicaSourceDBInstanceIdentifier()).isEqualTo(arn);

            // still naming its source, it is deleted as a replica is: no final snapshot
            type.delete(made.id(), made.outputs().with("skipFinalSnapshot", PropertyValue.of(false)), ctx(urn, Duration.ofSeconds(30)));
            assertThat(type.read(made.id(), standby, made.outputs(), ctx(urn, Duration.ofSeconds(10)))).isEmpty();
            assertThat(westClients.rds().describeDBSnapshots(r -> r.dbInstanceIdentifier(made.id())).dbSnapshots()).isEmpty();

            east.type(AwsSchemas.DB_INSTANCE).delete(source.id(), source.outputs(), ctx(primaryUrn, Duration.ofSeconds(30)));
            assertThat(east.type(AwsSchemas.DB_INSTANCE).read(source.id(), primary, source.outputs(), ctx(primaryUrn, Duration.ofSeconds(10)))).isEmpty();
        }
    }

    @Test
    void aReplicaOfAnEncryptedSourceWithoutAKeyOfItsRegionIsRefusedBeforeMotoIsAsked() throws Exception {
        try (AwsProvider west = provider("us-west-2")) {
            Urn urn = new Urn("prod-usw2", "data-platform", AwsSchemas.DB_INSTANCE, "reports");
            Props in = Props.builder().put("identifier", "prod-usw2-reports").put("instanceClass", "db.t3.micro")
                    .put("replicateSourceDb", "arn:aws:rds:us-east-1:123456789012:db:prod-use1-reports").put("storageEncrypted", true).build();

            assertThatThrownBy(() -> west.type(AwsSchemas.DB_INSTANCE).create(urn, in, ctx(urn, Duration.ofSeconds(5))))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.getMessage()).contains("needs kmsKeyId"));
            assertThat(west.type(AwsSchemas.DB_INSTANCE).read("prod-usw2-reports", in, Props.EMPTY, ctx(urn, Duration.ofSeconds(5)))).isEmpty();
        }
    }
}
