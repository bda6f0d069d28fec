package io.lifeboat.examples;

import java.util.List;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.InstanceAutomatedBackupsReplication;
import com.pulumi.aws.rds.InstanceAutomatedBackupsReplicationArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.InstanceRestoreToPointInTimeArgs;
import com.pulumi.aws.secretsmanager.Secret;
import com.pulumi.aws.secretsmanager.SecretArgs;
import com.pulumi.aws.secretsmanager.SecretVersion;
import com.pulumi.aws.secretsmanager.SecretVersionArgs;
import com.pulumi.aws.secretsmanager.inputs.SecretReplicaArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

/**
 * A disaster-recovery pair's program, written once and run by both stacks of the pair: Lifeboat
 * tells each run where the stack stands ({@link Posture}) and the program makes what that
 * posture needs.
 *
 * <ul>
 *   <li>every posture: a VPC, two subnets in two availability zones, and the database's security group;</li>
 *   <li>{@code primary}: a Postgres instance (its master password kept by RDS in Secrets Manager) and an
 *       API key secret whose value it writes;</li>
 *   <li>{@code standby}: nothing more, a pilot light: the primary's copies and replica already live in its region;</li>
 *   <li>{@code promoted}: the database restored from {@code lifeboat:restoreFrom}, the newest copy in this
 *       region, and the API key secret of the same name, which takes over the replica the primary made
 *       here (its key material comes with it, so no value is written); so too a primary given
 *       {@code restoreFrom} (back after a failback);</li>
 *   <li>{@code drill}: the database restored the same way, beside the live stacks (its own names and CIDR), and nothing else;</li>
 *   <li>while {@code lifeboat:pairRegion} is set, a serving stack copies into the pair's region: its database's
 *       automated backups replicated there, and a replica of the API key secret.</li>
 * </ul>
 *
 * Outputs: {@code vpcId}, {@code databaseEndpoint} (when there is a database) and {@code apiKeySecretArn}
 * (when this stack holds the secret).
 */
public final class Main {
    /** The secret's name, the same in both regions: the primary's replica and the promoted secondary's secret are one secret. */
    static final String API_KEY_SECRET = "lifeboat-example/api-key";
    /** Where the primary reads its API key from; never written to a file or passed as plain config. */
    static final String API_KEY_VARIABLE = "EXAMPLE_API_KEY";
    /** A drill's network, apart from every live stack's. */
    static final String DRILL_CIDR = "10.200.0.0/16";

    private Main() {
    }

    public static void main(String[] args) {
        Pulumi.run(Main::stack);
    }

    static void stack(Context ctx) {
        Posture posture = Posture.of(ctx);
        String cidr = posture.drill() ? DRILL_CIDR : ctx.config().get("cidr").orElse("10.0.0.0/16");
        String suffix = posture.suffix();

        Network network = network(ctx, posture, cidr, suffix);
        ctx.export("vpcId", network.vpc().id());

        if (!posture.serves()) {
            // standby, a pilot light: the network only; the database's copies and the key's replica arrive from the primary
            return;
        }
        // a database restored from the pair's copy (promoted, a drill, a primary again after a failback), or the primary's own
        Instance db = posture.restoreFrom().isPresent() || posture.posture() != Posture.Kind.PRIMARY
                ? restoredDatabase(ctx, posture, network, suffix) : primaryDatabase(network, suffix);
        ctx.export("databaseEndpoint", db.endpoint());
        if (posture.drill()) return; // a rehearsal: no copies, no key, nothing that outlives it

        // the DR copies go to the pair's region while it can be written to
        if (posture.pairRegion().isPresent()) {
            // the automated backups replicated there, made in that region through a provider of its own
            var pair = new Provider("pair", ProviderArgs.builder().region(posture.pairRegion().get()).build());
            new InstanceAutomatedBackupsReplication("db-backups", InstanceAutomatedBackupsReplicationArgs.builder()
                    .sourceDbInstanceArn(db.arn())
                    .retentionPeriod(7)
                    .build(), CustomResourceOptions.builder().provider(pair).build());
        }
        var secret = SecretArgs.builder().name(API_KEY_SECRET).description("The example's API key, replicated to the pair's region")
                // deleted at once when a stack lets go of it (a failback hands it back), so the name is free for the replica
                .recoveryWindowInDays(0);
        posture.pairRegion().ifPresent(region -> secret.replicas(SecretReplicaArgs.builder().region(region).build()));
        Secret apiKey = new Secret("api-key", secret.build());
        if (posture.posture() == Posture.Kind.PRIMARY && posture.restoreFrom().isEmpty()) {
            // the stack that made the key writes its value; one that took over the replica (promoted, or back after a
            // failback) already holds that value, and the region that wrote it may be gone
            new SecretVersion("api-key", SecretVersionArgs.builder()
                    .secretId(apiKey.id())
                    .secretString(Output.ofSecret(apiKeyFromEnvironment()))
                    .build());
        }
        ctx.export("apiKeySecretArn", apiKey.arn());
    }

    /** The VPC, its two subnets and the database's security group. */
    record Network(Vpc vpc, Subnet a, Subnet b, SecurityGroup db, SubnetGroup dbSubnets) {
    }

    static Network network(Context ctx, Posture posture, String cidr, String suffix) {
        var vpc = new Vpc("main" + suffix, VpcArgs.builder()
                .cidrBlock(cidr)
                .enableDnsHostnames(true)
                .enableDnsSupport(true)
                .build());
        // the region's first two zones, as the aws provider's getAvailabilityZones invoke lists them
        Output<List<String>> zones = AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder().state("available").build())
                .applyValue(z -> z.names());
        var a = new Subnet("a" + suffix, SubnetArgs.builder()
                .vpcId(vpc.id())
                .cidrBlock(subnetCidr(cidr, 1))
                .availabilityZone(zones.applyValue(z -> z.get(0)))
                .build());
        var b = new Subnet("b" + suffix, SubnetArgs.builder()
                .vpcId(vpc.id())
                .cidrBlock(subnetCidr(cidr, 2))
                .availabilityZone(zones.applyValue(z -> z.get(1)))
                .build());
        // Postgres from inside the VPC only; the name is left to Pulumi's auto-naming (db-<7 hex>), as are the others below
        var sg = new SecurityGroup("db" + suffix, SecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .description("Postgres from inside the VPC")
                .ingress(SecurityGroupIngressArgs.builder()
                        .protocol("tcp").fromPort(5432).toPort(5432).cidrBlocks(cidr)
                        .build())
                .build());
        SubnetGroup subnets = null;
        if (posture.posture() != Posture.Kind.STANDBY) {
            subnets = new SubnetGroup("db" + suffix, SubnetGroupArgs.builder()
                    .subnetIds(Output.all(a.id(), b.id()))
                    .description("The database's subnets")
                    .build());
        }
        return new Network(vpc, a, b, sg, subnets);
    }

    /** The n-th /24 of a /16: 10.10.0.0/16 → 10.10.n.0/24. */
    static String subnetCidr(String cidr, int n) {
        String[] octets = cidr.substring(0, cidr.indexOf('/')).split("\\.");
        return octets[0] + "." + octets[1] + "." + n + ".0/24";
    }

    /** The primary's database: empty, its master password kept by RDS, backed up daily (which is what gets replicated). */
    static Instance primaryDatabase(Network network, String suffix) {
        return new Instance("db" + suffix, InstanceArgs.builder()
                .engine("postgres")
                .engineVersion("16.3")
                .instanceClass("db.t4g.micro")
                .allocatedStorage(20)
                .storageType("gp3")
                .publiclyAccessible(false)
                .dbName("app")
                .username("app")
                .manageMasterUserPassword(true)
                .dbSubnetGroupName(network.dbSubnets().name())
                .vpcSecurityGroupIds(network.db().id().applyValue(List::of))
                .backupRetentionPeriod(7)
                .skipFinalSnapshot(true)
                .build());
    }

    /**
     * The database of a promoted secondary or a drill: restored to the latest restorable time of
     * the copy Lifeboat names in {@code lifeboat:restoreFrom}; an empty new database when there
     * is none (a pair whose primary never had one), with a warning.
     */
    static Instance restoredDatabase(Context ctx, Posture posture, Network network, String suffix) {
        var args = InstanceArgs.builder()
                .engine("postgres")
                .instanceClass("db.t4g.micro")
                .storageType("gp3")
                .publiclyAccessible(false)
                .dbSubnetGroupName(network.dbSubnets().name())
                .vpcSecurityGroupIds(network.db().id().applyValue(List::of))
                .backupRetentionPeriod(7)
                .skipFinalSnapshot(true);
        if (posture.restoreFrom().isPresent()) {
            args.restoreToPointInTime(InstanceRestoreToPointInTimeArgs.builder()
                    .sourceDbInstanceAutomatedBackupsArn(posture.restoreFrom().get())
                    .useLatestRestorableTime(true)
                    .build());
        } else {
            ctx.log().warn("lifeboat:restoreFrom is not set: the " + posture.posture().name().toLowerCase(java.util.Locale.ROOT)
                    + " database in " + posture.region() + " starts empty");
            args.engineVersion("16.3").allocatedStorage(20).dbName("app").username("app").manageMasterUserPassword(true);
        }
        return new Instance("db" + suffix, args.build());
    }

    /** The API key, from the environment; a clear error when it is not there. */
    static String apiKeyFromEnvironment() {
        String key = System.getenv(API_KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(API_KEY_VARIABLE + " is not set: the primary stores the API key it gives in Secrets Manager;"
                    + " export " + API_KEY_VARIABLE + "=<the key> and run it again");
        }
        return key;
    }
}
