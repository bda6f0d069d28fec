package io.lifeboat.program.aws;

import java.util.Map;

import io.lifeboat.provider.SchemaSet;
import io.lifeboat.provider.TypeSchema;

/**
 * The schemas of the aws package's types that the aws program emits, with the Pulumi aws
 * provider's type tokens and property names. Shared by the sim and the real aws provider.
 */
public final class AwsSchemas {
    public static final String VPC = "aws:ec2/vpc:Vpc";
    public static final String SUBNET = "aws:ec2/subnet:Subnet";
    public static final String INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
    public static final String EIP = "aws:ec2/eip:Eip";
    public static final String NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
    public static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
    public static final String ROUTE = "aws:ec2/route:Route";
    public static final String ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    public static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    public static final String SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
    public static final String VPC_PEERING = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
    public static final String IAM_ROLE = "aws:iam/role:Role";
    public static final String EKS_CLUSTER = "aws:eks/cluster:Cluster";
    public static final String EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    public static final String DB_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
    public static final String DB_INSTANCE = "aws:rds/instance:Instance";
    public static final String DB_BACKUP_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
    public static final String ECR_REPOSITORY = "aws:ecr/repository:Repository";
    public static final String ECR_REPLICATION = "aws:ecr/replicationConfiguration:ReplicationConfiguration";
    public static final String SECRET = "aws:secretsmanager/secret:Secret";
    public static final String SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
    public static final String SNS_TOPIC = "aws:sns/topic:Topic";
    public static final String SNS_SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

    private static final SchemaSet ALL = new SchemaSet();

    static {
        add(TypeSchema.builder(VPC).replaces("cidrBlock").optional("enableDnsHostnames", "enableDnsSupport")
                .optionalReplaces("instanceTenancy").tagged()
                .outputs("arn", "defaultRouteTableId", "defaultSecurityGroupId", "mainRouteTableId", "ownerId"));
        add(TypeSchema.builder(SUBNET).replaces("vpcId", "cidrBlock", "availabilityZone").optional("mapPublicIpOnLaunch").tagged()
                .outputs("arn", "ownerId"));
        add(TypeSchema.builder(INTERNET_GATEWAY).optional("vpcId").tagged().outputs("arn", "ownerId"));
        add(TypeSchema.builder(EIP).optionalReplaces("domain").tagged().outputs("allocationId", "publicIp", "arn"));
        add(TypeSchema.builder(NAT_GATEWAY).uniqueName("allocationId").replaces("subnetId").optionalReplaces("allocationId", "connectivityType").tagged()
                .outputs("publicIp", "privateIp", "networkInterfaceId"));
        add(TypeSchema.builder(ROUTE_TABLE).replaces("vpcId").tagged().outputs("arn", "ownerId"));
        add(TypeSchema.builder(ROUTE).uniqueName("destinationCidrBlock").replaces("routeTableId", "destinationCidrBlock")
                .optional("gatewayId", "natGatewayId", "vpcPeeringConnectionId").outputs("state", "origin"));
        add(TypeSchema.builder(ROUTE_TABLE_ASSOCIATION).replaces("subnetId").required("routeTableId"));
        add(TypeSchema.builder(SECURITY_GROUP).uniqueName("name").replaces("name", "vpcId").optionalReplaces("description")
                .optional("ingress", "egress", "revokeRulesOnDelete").tagged().outputs("arn", "ownerId"));
        add(TypeSchema.builder(SECURITY_GROUP_RULE).replaces("securityGroupId", "type", "protocol", "fromPort", "toPort")
                .optionalReplaces("cidrBlocks", "sourceSecurityGroupId", "self", "description").outputs("securityGroupRuleId"));
        add(TypeSchema.builder(VPC_PEERING).replaces("vpcId", "peerVpcId").optionalReplaces("peerOwnerId", "peerRegion")
                .optional("autoAccept").tagged().outputs("acceptStatus"));
        add(TypeSchema.builder(IAM_ROLE).uniqueName("name").replaces("name").required("assumeRolePolicy").optional("managedPolicyArns", "description")
                .tagged().outputs("arn", "uniqueId", "createDate"));
        add(TypeSchema.builder(EKS_CLUSTER).uniqueName("name").replaces("name", "roleArn", "vpcConfig").optional("version").tagged()
                .outputs("arn", "endpoint", "certificateAuthority", "status", "platformVersion", "createdAt"));
        add(TypeSchema.builder(EKS_NODE_GROUP).uniqueName("nodeGroupName").replaces("clusterName", "nodeGroupName", "nodeRoleArn", "subnetIds")
                .optionalReplaces("instanceTypes", "diskSize").required("scalingConfig").tagged().outputs("arn", "status"));
        add(TypeSchema.builder(DB_SUBNET_GROUP).uniqueName("name").replaces("name").required("subnetIds").optional("description").tagged().outputs("arn"));
        add(TypeSchema.builder(DB_INSTANCE).holdsData().uniqueName("identifier").replaces("identifier", "engine")
                .optionalReplaces("dbSubnetGroupName", "username", "storageEncrypted", "snapshotIdentifier", "restoreToPointInTime", "kmsKeyId")
                .promotedByRemoval("replicateSourceDb")
                .required("instanceClass")
                .optional("engineVersion", "allocatedStorage", "vpcSecurityGroupIds", "backupRetentionPeriod", "backupWindow",
                        "manageMasterUserPassword", "skipFinalSnapshot", "finalSnapshotIdentifier", "multiAz", "dbName",
                        "publiclyAccessible", "storageType", "deletionProtection", "applyImmediately", "maintenanceWindow",
                        "copyTagsToSnapshot", "autoMinorVersionUpgrade")
                .optionalSecret("password")
                .tagged().outputs("arn", "address", "endpoint", "port", "status", "resourceId", "latestRestorableTime"));
        add(TypeSchema.builder(DB_BACKUP_REPLICATION).replaces("sourceDbInstanceArn").optionalReplaces("retentionPeriod", "kmsKeyId")
                .outputs("latestBackupTime"));
        add(TypeSchema.builder(ECR_REPOSITORY).uniqueName("name").replaces("name").optional("imageTagMutability", "forceDelete").tagged()
                .outputs("arn", "registryId", "repositoryUrl"));
        add(TypeSchema.builder(ECR_REPLICATION).required("replicationConfiguration").outputs("registryId"));
        add(TypeSchema.builder(SECRET).uniqueName("name").replaces("name").optional("replicas", "recoveryWindowInDays", "description").tagged()
                .outputs("arn"));
        add(TypeSchema.builder(SECRET_VERSION).replaces("secretId").secret("secretString", true).outputs("arn", "versionId"));
        add(TypeSchema.builder(SNS_TOPIC).uniqueName("name").replaces("name").tagged().outputs("arn"));
        add(TypeSchema.builder(SNS_SUBSCRIPTION).replaces("topic", "protocol", "endpoint").outputs("arn", "pendingConfirmation"));
    }

    private AwsSchemas() {
    }

    private static void add(TypeSchema.Builder b) {
        ALL.add(b);
    }

    public static TypeSchema get(String token) {
        return ALL.get(token);
    }

    public static Map<String, TypeSchema> all() {
        return ALL.all();
    }
}
