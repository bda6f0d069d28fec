package io.lifeboat.providers.aws;

import static io.lifeboat.providers.aws.FakeAws.Reply.query;
import static io.lifeboat.providers.aws.FakeAws.Reply.queryError;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

import io.lifeboat.providers.aws.FakeAws.Reply;
import io.lifeboat.providers.aws.FakeAws.Request;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;

/**
 * A stateful RDS behind a {@link FakeAws}, in every region at once (a request's region is the one
 * it is signed for): the DB instance calls a read replica's life takes (DescribeDBInstances,
 * CreateDBInstanceReadReplica, PromoteReadReplica, ModifyDBInstance, DeleteDBInstance) and
 * CloudWatch's GetMetricStatistics (Query API). It checks what the API reference documents, not
 * what the provider happens to send: only the parameters an action has; a replica's source found
 * by its ARN, with backups enabled and no Secrets Manager-managed master password; an encrypted
 * source in another region needs KmsKeyId and a PreSignedUrl signed in the source's region; no
 * KmsKeyId for a replica in its source's region; PromoteReadReplica only of an available replica;
 * a replica deleted with SkipFinalSnapshot and no FinalDBSnapshotIdentifier. CloudWatch's calls
 * must be signed for {@code monitoring}, and their signature must cover what arrived.
 *
 * <p>Objects change state as RDS's do, one step per DescribeDBInstances of them: a replica is
 * {@code creating} once, then available; a promotion shows {@code modifying}, then available
 * while still naming its source (RDS's reads lag), then stands alone.
 */
final class FakeRds {
    static final String ACCOUNT = "123456789012";
    static final String MONITORING = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    /** What CreateDBInstanceReadReplica takes (the API reference's request parameters). */
    private static final Set<String> REPLICA_PARAMS = Set.of("DBInstanceIdentifier", "SourceDBInstanceIdentifier", "DBInstanceClass",
            "AvailabilityZone", "Port", "MultiAZ", "AutoMinorVersionUpgrade", "Iops", "StorageThroughput", "OptionGroupName",
            "DBParameterGroupName", "PubliclyAccessible", "Tags", "DBSubnetGroupName", "VpcSecurityGroupIds", "StorageType",
            "CopyTagsToSnapshot", "MonitoringInterval", "MonitoringRoleArn", "KmsKeyId", "PreSignedUrl", "EnableIAMDatabaseAuthentication",
            "DatabaseInsightsMode", "EnablePerformanceInsights", "PerformanceInsightsKMSKeyId", "PerformanceInsightsRetentionPeriod",
            "EnableCloudwatchLogsExports", "ProcessorFeatures", "UseDefaultProcessorFeatures", "DeletionProtection", "Domain",
            "DomainIAMRoleName", "DomainFqdn", "DomainOu", "DomainAuthSecretArn", "DomainDnsIps", "ReplicaMode", "EnableCustomerOwnedIp",
            "NetworkType", "MaxAllocatedStorage", "BackupTarget", "CustomIamInstanceProfile", "AllocatedStorage", "SourceDBClusterIdentifier",
            "DedicatedLogVolume", "UpgradeStorageConfig", "CACertificateIdentifier", "AdditionalStorageVolumes", "TagSpecifications");
    private static final Set<String> PROMOTE_PARAMS = Set.of("DBInstanceIdentifier", "BackupRetentionPeriod", "PreferredBackupWindow",
            "TagSpecifications");
    private static final Set<String> DELETE_PARAMS = Set.of("DBInstanceIdentifier", "SkipFinalSnapshot", "FinalDBSnapshotIdentifier",
            "DeleteAutomatedBackups");
    private static final Set<String> DESCRIBE_PARAMS = Set.of("DBInstanceIdentifier", "Filters", "MaxRecords", "Marker");
    private static final Set<String> MODIFY_PARAMS = Set.of("DBInstanceIdentifier", "AllocatedStorage", "DBInstanceClass", "DBSubnetGroupName",
            "DBSecurityGroups", "VpcSecurityGroupIds", "ApplyImmediately", "MasterUserPassword", "DBParameterGroupName", "BackupRetentionPeriod",
            "PreferredBackupWindow", "PreferredMaintenanceWindow", "MultiAZ", "EngineVersion", "AllowMajorVersionUpgrade",
            "AutoMinorVersionUpgrade", "LicenseModel", "Iops", "StorageThroughput", "OptionGroupName", "NewDBInstanceIdentifier", "StorageType",
            "CACertificateIdentifier", "CopyTagsToSnapshot", "MonitoringInterval", "DBPortNumber", "PubliclyAccessible", "MonitoringRoleArn",
            "EnableIAMDatabaseAuthentication", "DeletionProtection", "MaxAllocatedStorage", "ManageMasterUserPassword", "RotateMasterUserPassword",
            "MasterUserSecretKmsKeyId", "Engine");
    private static final Set<String> GET_METRIC_STATISTICS_PARAMS = Set.of("Action", "Version", "Namespace", "MetricName", "Dimensions",
            "StartTime", "EndTime", "Period", "Statistics", "ExtendedStatistics", "Unit");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** One DB instance. */
    static final class Db {
        final String region;
        final String id;
        String engine = "postgres";
        String engineVersion = "15.7";
        String instanceClass = "db.r6g.large";
        String status = "available";
        String username = "lifeboat";
        int storage = 100;
        int retention = 7;
        boolean multiAz;
        boolean encrypted = true;
        String kmsKeyId;
        boolean managedPassword;
        String subnetGroup;
        List<String> groups = new ArrayList<>();
        Map<String, String> tags = new LinkedHashMap<>();
        /** What it replicates (as CreateDBInstanceReadReplica was given it); null when it stands alone. */
        String source;
        final List<String> replicas = new ArrayList<>();
        /** Its read replication status (StatusInfos), while it is a replica. */
        String replication = "replicating";
        boolean replicationNormal = true;
        String replicationMessage;
        boolean gone;
        /** What each next DescribeDBInstances of it does first. */
        final Deque<Consumer<Db>> steps = new ArrayDeque<>();

        Db(String region, String id) {
            this.region = region;
            this.id = id;
            this.kmsKeyId = "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/00000000-0000-0000-0000-000000000000";
        }

        String arn() {
            return "arn:aws:rds:" + region + ":" + ACCOUNT + ":db:" + id;
        }

        /** The next describes show these statuses, one each, then it is available. */
        void settles(String... statuses) {
            for (String s : statuses) steps.add(d -> d.status = s);
            steps.add(d -> d.status = "available");
        }
    }

    private final Map<String, Map<String, Db>> regions = new HashMap<>();
    private final List<String> finalSnapshots = new ArrayList<>();
    private final Map<String, TreeMap<Instant, Double>> metrics = new HashMap<>();
    private Reply cloudWatchFailure;

    FakeRds(FakeAws aws) {
        aws.serve("DescribeDBInstances", this::describe).serve("CreateDBInstanceReadReplica", this::createReplica)
                .serve("PromoteReadReplica", this::promote).serve("ModifyDBInstance", this::modify)
                .serve("DeleteDBInstance", this::delete).serve("GetMetricStatistics", this::metricStatistics);
    }

    /** A database that is there already (the primary, in its region). */
    synchronized Db add(String region, String id) {
        Db db = new Db(region, id);
        regions.computeIfAbsent(region, r -> new LinkedHashMap<>()).put(id, db);
        return db;
    }

    synchronized Db get(String region, String id) {
        Db db = regions.getOrDefault(region, Map.of()).get(id);
        return db == null || db.gone ? null : db;
    }

    synchronized List<String> finalSnapshots() {
        return List.copyOf(finalSnapshots);
    }

    /** A datapoint of a metric with one dimension, in a region. */
    synchronized void metric(String region, String namespace, String metric, String dimension, String value, Instant at, double datum) {
        metrics.computeIfAbsent(key(region, namespace, metric, dimension, value), k -> new TreeMap<>()).put(at, datum);
    }

    /** CloudWatch answers every call with this from now on (null: answers again). */
    synchronized void cloudWatchFails(Reply reply) {
        cloudWatchFailure = reply;
    }

    private static String key(String region, String namespace, String metric, String dimension, String value) {
        return region + "|" + namespace + "|" + metric + "|" + dimension + "=" + value;
    }

    // --- RDS

    private synchronized Reply describe(Request r) {
        Reply refused = onlyParams(r, DESCRIBE_PARAMS);
        if (refused != null) return refused;
        String region = FakeAws.region(r);
        String id = r.param("DBInstanceIdentifier");
        List<Db> shown = new ArrayList<>();
        for (Db db : new ArrayList<>(regions.getOrDefault(region, Map.of()).values())) {
            if (db.gone || (id != null && !db.id.equals(id))) continue;
            Consumer<Db> step = db.steps.poll();
            if (step != null) step.accept(db);
            if (!db.gone) shown.add(db);
        }
        if (id != null && shown.isEmpty()) return notFound(id);
        StringBuilder sb = new StringBuilder("<DBInstances>");
        for (Db db : shown) sb.append(xml(db));
        return query("DescribeDBInstances", FakeAws.RDS, sb.append("</DBInstances>").toString());
    }

    private synchronized Reply createReplica(Request r) {
        Reply refused = onlyParams(r, REPLICA_PARAMS);
        if (refused != null) return refused;
        String region = FakeAws.region(r);
        String id = r.param("DBInstanceIdentifier");
        String given = r.param("SourceDBInstanceIdentifier");
        if (id == null || given == null) return queryError(400, "MissingParameter", "DBInstanceIdentifier and SourceDBInstanceIdentifier are required");
        if (get(region, id) != null) return queryError(400, "DBInstanceAlreadyExists", "DB instance already exists");
        String sourceRegion = region;
        String sourceId = given;
        if (given.startsWith("arn:")) {
            String[] parts = given.split(":", 7);
            if (parts.length != 7 || !"db".equals(parts[5])) return queryError(400, "InvalidParameterValue", "Invalid source DB instance ARN: " + given);
            sourceRegion = parts[3];
            sourceId = parts[6];
        }
        Db source = get(sourceRegion, sourceId);
        if (source == null) return notFound(sourceId);
        boolean crossRegion = !sourceRegion.equals(region);
        String kms = r.param("KmsKeyId");
        if (source.retention == 0) {
            return queryError(400, "InvalidDBInstanceState", "Automated backups are not enabled for this database instance. To enable automated"
                    + " backups, use ModifyDBInstance to set the backup retention period to a non-zero value.");
        }
        if (source.managedPassword && !source.engine.startsWith("sqlserver")) {
            return queryError(400, "InvalidParameterValue", "Creating read replicas for source instance with engine " + source.engine
                    + " where ManageMasterUserPassword is enabled is not supported.");
        }
        if (crossRegion && source.encrypted) {
            if (kms == null) {
                return queryError(400, "InvalidParameterCombination", "If you create an encrypted read replica in a different AWS Region, then"
                        + " you must specify a KMS key identifier for the destination AWS Region.");
            }
            String problem = presignedProblem(r.param("PreSignedUrl"), sourceRegion, region, given, kms);
            if (problem != null) return queryError(400, "InvalidParameterValue", "PreSignedUrl: " + problem);
        }
        if (kms != null && !source.encrypted) {
            return queryError(400, "InvalidParameterCombination", "You can't create an encrypted read replica from an unencrypted DB instance.");
        }
        if (kms != null && !crossRegion) {
            return queryError(400, "InvalidParameterCombination", "A read replica in the same Region as its source is encrypted with the"
                    + " source's KMS key: do not specify KmsKeyId.");
        }
        Db replica = add(region, id);
        replica.engine = source.engine;
        replica.engineVersion = source.engineVersion;
        replica.username = source.username;
        replica.storage = r.param("AllocatedStorage") != null ? Integer.parseInt(r.param("AllocatedStorage")) : source.storage;
        replica.encrypted = source.encrypted;
        replica.kmsKeyId = crossRegion ? (source.encrypted ? kms : null) : source.kmsKeyId;
        replica.retention = 0;
        replica.instanceClass = r.param("DBInstanceClass") != null ? r.param("DBInstanceClass") : source.instanceClass;
        replica.multiAz = "true".equals(r.param("MultiAZ"));
        replica.subnetGroup = r.param("DBSubnetGroupName");
        replica.groups = indexed(r, "VpcSecurityGroupIds.VpcSecurityGroupId.", "");
        List<String> keys = indexed(r, "Tags.Tag.", ".Key");
        List<String> values = indexed(r, "Tags.Tag.", ".Value");
        for (int i = 0; i < keys.size(); i++) replica.tags.put(keys.get(i), i < values.size() ? values.get(i) : "");
        replica.source = given;
        replica.status = "creating";
        replica.settles("creating");
        source.replicas.add(replica.arn());
        return query("CreateDBInstanceReadReplica", FakeAws.RDS, xml(replica));
    }

    /** Why a PreSignedUrl is not CreateDBInstanceReadReplica presigned in the source's region for this replica; null when it is. */
    private static String presignedProblem(String url, String sourceRegion, String region, String source, String kms) {
        if (url == null) return "required for an encrypted read replica from another AWS Region";
        URI uri = URI.create(url);
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!("rds." + sourceRegion + ".amazonaws.com").equals(uri.getHost())) return "not a request to RDS in " + sourceRegion + ": " + uri.getHost();
        if (!"CreateDBInstanceReadReplica".equals(q.get("Action"))) return "not a CreateDBInstanceReadReplica request";
        if (!region.equals(q.get("DestinationRegion"))) return "DestinationRegion is not " + region;
        if (!source.equals(q.get("SourceDBInstanceIdentifier"))) return "SourceDBInstanceIdentifier is not " + source;
        if (!kms.equals(q.get("KmsKeyId"))) return "KmsKeyId is not " + kms;
        String credential = q.getOrDefault("X-Amz-Credential", "");
        if (!credential.contains("/" + sourceRegion + "/rds/aws4_request")) return "not signed in " + sourceRegion + ": " + credential;
        if (q.get("X-Amz-Signature") == null) return "not signed";
        return null;
    }

    private synchronized Reply promote(Request r) {
        Reply refused = onlyParams(r, PROMOTE_PARAMS);
        if (refused != null) return refused;
        Db db = get(FakeAws.region(r), r.param("DBInstanceIdentifier"));
        if (db == null) return notFound(r.param("DBInstanceIdentifier"));
        if (db.source == null) return queryError(400, "InvalidDBInstanceState", "DB Instance is not a read replica.");
        if (!"available".equals(db.status)) return queryError(400, "InvalidDBInstanceState", "DB instance is not in available state.");
        int retention = r.param("BackupRetentionPeriod") == null ? 1 : Integer.parseInt(r.param("BackupRetentionPeriod"));
        if (retention < 0 || retention > 35) return queryError(400, "InvalidParameterValue", "BackupRetentionPeriod must be from 0 to 35");
        db.status = "modifying";
        db.steps.clear();
        db.steps.add(d -> d.status = "modifying");
        // available again, still naming its source for a while
        db.steps.add(d -> d.status = "available");
        db.steps.add(d -> {
            Db source = sourceOf(d);
            if (source != null) source.replicas.remove(d.arn());
            d.source = null;
            d.retention = retention;
        });
        return query("PromoteReadReplica", FakeAws.RDS, xml(db));
    }

    private Db sourceOf(Db replica) {
        if (replica.source == null) return null;
        if (!replica.source.startsWith("arn:")) return get(replica.region, replica.source);
        String[] parts = replica.source.split(":", 7);
        return get(parts[3], parts[6]);
    }

    private synchronized Reply modify(Request r) {
        Reply refused = onlyParams(r, MODIFY_PARAMS);
        if (refused != null) return refused;
        Db db = get(FakeAws.region(r), r.param("DBInstanceIdentifier"));
        if (db == null) return notFound(r.param("DBInstanceIdentifier"));
        if (!"available".equals(db.status)) return queryError(400, "InvalidDBInstanceState", "Database instance is not in available state.");
        String retention = r.param("BackupRetentionPeriod");
        if (db.source != null && retention != null && !"0".equals(retention) && db.engine.startsWith("postgres")) {
            return queryError(400, "InvalidParameterCombination", "Automated backups are not supported for RDS for PostgreSQL read replicas.");
        }
        if (retention != null) db.retention = Integer.parseInt(retention);
        if (r.param("DBInstanceClass") != null) db.instanceClass = r.param("DBInstanceClass");
        if (r.param("MultiAZ") != null) db.multiAz = "true".equals(r.param("MultiAZ"));
        if (r.param("AllocatedStorage") != null) db.storage = Integer.parseInt(r.param("AllocatedStorage"));
        if (r.params().keySet().stream().anyMatch(k -> k.startsWith("VpcSecurityGroupIds."))) db.groups = indexed(r, "VpcSecurityGroupIds.VpcSecurityGroupId.", "");
        db.status = "modifying";
        db.steps.clear();
        db.settles("modifying");
        return query("ModifyDBInstance", FakeAws.RDS, xml(db));
    }

    private synchronized Reply delete(Request r) {
        Reply refused = onlyParams(r, DELETE_PARAMS);
        if (refused != null) return refused;
        Db db = get(FakeAws.region(r), r.param("DBInstanceIdentifier"));
        if (db == null) return notFound(r.param("DBInstanceIdentifier"));
        boolean skip = "true".equals(r.param("SkipFinalSnapshot"));
        String snapshot = r.param("FinalDBSnapshotIdentifier");
        if (db.source != null && snapshot != null) {
            return queryError(400, "InvalidParameterCombination", "FinalDBSnapshotIdentifier can not be specified when deleting a replica instance");
        }
        if (db.source != null && !skip) {
            return queryError(400, "InvalidParameterCombination", "SkipFinalSnapshot must be enabled to delete a read replica");
        }
        if (skip && snapshot != null) return queryError(400, "InvalidParameterCombination", "FinalDBSnapshotIdentifier can not be specified with SkipFinalSnapshot");
        if (!skip && snapshot == null) return queryError(400, "InvalidParameterCombination", "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.");
        if (snapshot != null) finalSnapshots.add(snapshot);
        Db source = sourceOf(db);
        if (source != null) source.replicas.remove(db.arn());
        db.status = "deleting";
        db.steps.clear();
        db.steps.add(d -> d.status = "deleting");
        db.steps.add(d -> d.gone = true);
        return query("DeleteDBInstance", FakeAws.RDS, xml(db));
    }

    private static Reply notFound(String id) {
        return queryError(404, "DBInstanceNotFound", "DBInstance " + id + " not found.");
    }

    /** Refuses a parameter the action does not have (the first segment of a list's or structure's name counts). */
    private static Reply onlyParams(Request r, Set<String> allowed) {
        for (String name : r.params().keySet()) {
            if (name.equals("Action") || name.equals("Version")) continue;
            String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (!allowed.contains(top)) {
                return queryError(400, "InvalidParameterValue", r.action() + " has no parameter " + top + " (the fake refuses what the API does not document)");
            }
        }
        return null;
    }

    /** The values of an indexed list parameter ({@code Prefix.1Suffix}, {@code Prefix.2Suffix}, …), in order. */
    private static List<String> indexed(Request r, String prefix, String suffix) {
        List<String> out = new ArrayList<>();
        for (int i = 1; r.param(prefix + i + suffix) != null; i++) out.add(r.param(prefix + i + suffix));
        return out;
    }

    private static String xml(Db db) {
        StringBuilder sb = new StringBuilder("<DBInstance>");
        el(sb, "DBInstanceIdentifier", db.id);
        el(sb, "DBInstanceClass", db.instanceClass);
        el(sb, "Engine", db.engine);
        el(sb, "EngineVersion", db.engineVersion);
        el(sb, "DBInstanceStatus", db.status);
        el(sb, "MasterUsername", db.username);
        el(sb, "AllocatedStorage", Integer.toString(db.storage));
        el(sb, "BackupRetentionPeriod", Integer.toString(db.retention));
        el(sb, "MultiAZ", Boolean.toString(db.multiAz));
        el(sb, "StorageEncrypted", Boolean.toString(db.encrypted));
        if (db.encrypted) el(sb, "KmsKeyId", db.kmsKeyId);
        el(sb, "DBInstanceArn", db.arn());
        el(sb, "DbiResourceId", "db-" + Integer.toHexString(db.arn().hashCode()).toUpperCase(java.util.Locale.ROOT));
        if (!"creating".equals(db.status)) {
            sb.append("<Endpoint><Address>").append(db.id).append(".abc.").append(db.region).append(".rds.amazonaws.com</Address><Port>5432</Port></Endpoint>");
        }
        if (db.subnetGroup != null) sb.append("<DBSubnetGroup><DBSubnetGroupName>").append(esc(db.subnetGroup)).append("</DBSubnetGroupName></DBSubnetGroup>");
        sb.append("<VpcSecurityGroups>");
        for (String g : db.groups) sb.append("<VpcSecurityGroupMembership><VpcSecurityGroupId>").append(esc(g)).append("</VpcSecurityGroupId><Status>active</Status></VpcSecurityGroupMembership>");
        sb.append("</VpcSecurityGroups>");
        if (db.source != null) {
            el(sb, "ReadReplicaSourceDBInstanceIdentifier", db.source);
            sb.append("<StatusInfos><DBInstanceStatusInfo><StatusType>read replication</StatusType><Normal>").append(db.replicationNormal)
                    .append("</Normal><Status>").append(esc(db.replication)).append("</Status>");
            if (db.replicationMessage != null) el(sb, "Message", db.replicationMessage);
            sb.append("</DBInstanceStatusInfo></StatusInfos>");
        }
        sb.append("<ReadReplicaDBInstanceIdentifiers>");
        for (String replica : db.replicas) el(sb, "ReadReplicaDBInstanceIdentifier", replica);
        sb.append("</ReadReplicaDBInstanceIdentifiers>");
        if (db.managedPassword) {
            sb.append("<MasterUserSecret><SecretArn>arn:aws:secretsmanager:").append(db.region).append(':').append(ACCOUNT)
                    .append(":secret:rds!db-1</SecretArn><SecretStatus>active</SecretStatus></MasterUserSecret>");
        }
        sb.append("<TagList>");
        db.tags.forEach((k, v) -> sb.append("<Tag><Key>").append(esc(k)).append("</Key><Value>").append(esc(v)).append("</Value></Tag>"));
        return sb.append("</TagList></DBInstance>").toString();
    }

    private static void el(StringBuilder sb, String name, String value) {
        if (value != null) sb.append('<').append(name).append('>').append(esc(value)).append("</").append(name).append('>');
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // --- CloudWatch

    private synchronized Reply metricStatistics(Request r) {
        if (!"monitoring".equals(FakeAws.service(r))) return queryError(403, "SignatureDoesNotMatch", "not signed for monitoring: " + r.headers().get("authorization"));
        String signature = signatureProblem(r);
        if (signature != null) return queryError(403, "SignatureDoesNotMatch", signature);
        if (!CloudWatchMetrics.VERSION.equals(r.param("Version"))) return queryError(400, "InvalidParameterValue", "Version must be 2010-08-01");
        for (String name : r.params().keySet()) {
            String top = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (!GET_METRIC_STATISTICS_PARAMS.contains(top)) return queryError(400, "InvalidParameterValue", "GetMetricStatistics has no parameter " + top);
        }
        for (String required : List.of("Namespace", "MetricName", "StartTime", "EndTime", "Period")) {
            if (r.param(required) == null) return queryError(400, "MissingParameter", "The parameter " + required + " is required.");
        }
        if (r.param("Statistics.member.1") == null && r.param("ExtendedStatistics.member.1") == null) {
            return queryError(400, "MissingParameter", "Must specify either Statistics or ExtendedStatistics.");
        }
        for (int i = 1; r.param("Statistics.member." + i) != null; i++) {
            if (!Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum").contains(r.param("Statistics.member." + i))) {
                return queryError(400, "InvalidParameterValue", "not a statistic: " + r.param("Statistics.member." + i));
            }
        }
        int period = Integer.parseInt(r.param("Period"));
        if (period <= 0 || period % 60 != 0) return queryError(400, "InvalidParameterValue", "The parameter Period must be a multiple of 60.");
        Instant start = Instant.parse(r.param("StartTime"));
        Instant end = Instant.parse(r.param("EndTime"));
        if (!start.isBefore(end)) return queryError(400, "InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
        if (cloudWatchFailure != null) return cloudWatchFailure;
        String k = key(FakeAws.region(r), r.param("Namespace"), r.param("MetricName"), r.param("Dimensions.member.1.Name"),
                r.param("Dimensions.member.1.Value"));
        StringBuilder sb = new StringBuilder("<Label>").append(esc(r.param("MetricName"))).append("</Label><Datapoints>");
        // one datapoint per period: the newest first, as CloudWatch answers in no order
        List<Map.Entry<Instant, Double>> points = new ArrayList<>(metrics.getOrDefault(k, new TreeMap<>()).subMap(start, end).entrySet());
        java.util.Collections.reverse(points);
        for (Map.Entry<Instant, Double> p : points) {
            sb.append("<member><Timestamp>").append(p.getKey()).append("</Timestamp><Maximum>").append(p.getValue())
                    .append("</Maximum><Unit>Seconds</Unit></member>");
        }
        sb.append("</Datapoints>");
        return new Reply(200, "text/xml", "<GetMetricStatisticsResponse xmlns=\"" + MONITORING + "\"><GetMetricStatisticsResult>" + sb
                + "</GetMetricStatisticsResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetMetricStatisticsResponse>", Map.of());
    }

    /**
     * Why the request's SigV4 signature does not cover what arrived; null when it does: the
     * request as received, signed again with the test's credentials at its own time, must give
     * the same signature.
     */
    private static String signatureProblem(Request r) {
        String auth = r.headers().get("authorization");
        String date = r.headers().get("x-amz-date");
        if (auth == null || date == null) return "unsigned";
        String signed = auth.substring(auth.indexOf("SignedHeaders=") + "SignedHeaders=".length());
        signed = signed.substring(0, signed.indexOf(','));
        String host = r.headers().get("host");
        int colon = host.lastIndexOf(':');
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(r.method())).protocol("http")
                .host(host.substring(0, colon)).port(Integer.parseInt(host.substring(colon + 1))).encodedPath(r.path());
        for (String h : signed.split(";")) {
            if (!h.equals("host") && !h.equals("x-amz-date") && r.headers().containsKey(h)) request.putHeader(h, r.headers().get(h));
        }
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        Clock at = Clock.fixed(Instant.from(AMZ_DATE.parse(date)), ZoneOffset.UTC);
        var again = AwsV4HttpSigner.create().sign(s -> s.identity(AwsBasicCredentials.create("test", "test")).request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body)).putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, FakeAws.service(r))
                .putProperty(AwsV4HttpSigner.REGION_NAME, FakeAws.region(r)).putProperty(HttpSigner.SIGNING_CLOCK, at));
        String expected = again.request().firstMatchingHeader("Authorization").orElse("");
        return expected.equals(auth) ? null : "the signature does not cover the request as it arrived";
    }
}
