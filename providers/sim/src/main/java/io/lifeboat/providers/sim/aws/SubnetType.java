package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SUBNET;
import static io.lifeboat.program.aws.AwsSchemas.VPC;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;
import io.lifeboat.spec.CloudRegions;

/** {@code aws:ec2/subnet:Subnet}: a block inside its VPC's, overlapping no other subnet of it, in a zone of the region. */
final class SubnetType extends AwsSimType {
    SubnetType() {
        super(SUBNET);
    }

    @Override
    public String notFoundCode() {
        return "InvalidSubnetID.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("vpcId", VPC, "InvalidVpcID.NotFound"));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        Cidr block = cidr(in, "cidrBlock", 16, 28, "InvalidSubnet.Range");
        SimObject vpc = scope.find(VPC, str(in, "vpcId"));
        Cidr vpcBlock = Cidr.parse(vpc.inputs().string("cidrBlock"));
        if (vpcBlock != null && (block.prefix() < vpcBlock.prefix() || !vpcBlock.overlaps(block))) {
            throw SimErrors.invalid("InvalidSubnet.Range", "The CIDR '" + block + "' is invalid: it is not within the CIDR of " + vpc.id() + " (" + vpcBlock + ").");
        }
        for (SimObject other : scope.all(SUBNET)) {
            if (current != null && other.id().equals(current.id())) continue;
            if (!vpc.id().equals(other.inputs().string("vpcId"))) continue;
            Cidr otherBlock = Cidr.parse(other.inputs().string("cidrBlock"));
            if (otherBlock != null && otherBlock.overlaps(block)) {
                throw SimErrors.conflict("InvalidSubnet.Conflict", "The CIDR '" + block + "' conflicts with another subnet (" + other.id() + ", " + otherBlock + ").");
            }
        }
        String az = str(in, "availabilityZone");
        int zones = CloudRegions.zones("aws", scope.region());
        if (zones == 0) zones = 6;
        boolean valid = az != null && az.length() == scope.region().length() + 1 && az.startsWith(scope.region())
                && az.charAt(az.length() - 1) >= 'a' && az.charAt(az.length() - 1) < 'a' + zones;
        if (!valid) {
            throw bad("Value (" + az + ") for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: "
                    + zoneList(scope.region(), zones) + ".");
        }
    }

    private static String zoneList(String region, int zones) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < zones; i++) b.append(i > 0 ? ", " : "").append(region).append((char) ('a' + i));
        return b.toString();
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("subnet");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        String az = str(in, "availabilityZone");
        String zonePrefix = scope.region().replaceAll("^([a-z]{2})-?(gov-)?([a-z])[a-z]*-(\\d+)$", "$1$3$4");
        return Props.builder()
                .put("arn", scope.arn("ec2", "subnet/" + id))
                .put("ownerId", scope.account())
                .put("availabilityZoneId", zonePrefix + "-az" + (az.charAt(az.length() - 1) - 'a' + 1))
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("mapPublicIpOnLaunch", false).build();
    }
}
