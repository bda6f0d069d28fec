package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** {@code aws:ec2/subnet:Subnet}: CreateSubnet, then ModifySubnetAttribute for public IPs on launch. */
final class SubnetType extends Ec2Type {
    SubnetType(AwsClients aws) {
        super(AwsSchemas.SUBNET, aws, software.amazon.awssdk.services.ec2.model.ResourceType.SUBNET);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String id = poll.consistent(ctx, "creating a subnet in " + str(in, "vpcId"), () -> AwsCall.run(in("CreateSubnet"),
                () -> ec2().createSubnet(r -> r.vpcId(str(in, "vpcId")).cidrBlock(str(in, "cidrBlock"))
                        .availabilityZone(str(in, "availabilityZone")).tagSpecifications(tagSpec(in, urn))).subnet().subnetId()));
        if (bool(in, "mapPublicIpOnLaunch", false)) setPublicIp(id, true, ctx);
        return created(id, in, ctx);
    }

    private void setPublicIp(String id, boolean value, OperationContext ctx) throws ProviderException {
        poll.consistent(ctx, "setting public IPs of " + id, () -> AwsCall.run(in("ModifySubnetAttribute"),
                () -> ec2().modifySubnetAttribute(r -> r.subnetId(id).mapPublicIpOnLaunch(on(value)))));
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Subnet> found = AwsCall.find(in("DescribeSubnets"),
                () -> ec2().describeSubnets(r -> r.subnetIds(id)).subnets().stream().findFirst().orElse(null));
        if (found.isEmpty()) return Optional.empty();
        Subnet s = found.get();
        Props seen = Props.builder().put("vpcId", s.vpcId()).put("cidrBlock", s.cidrBlock()).put("availabilityZone", s.availabilityZone())
                .put("mapPublicIpOnLaunch", Boolean.TRUE.equals(s.mapPublicIpOnLaunch())).put("tags", tagsValue(tagMap(s.tags()))).build();
        String arn = s.subnetArn() != null ? s.subnetArn() : arn(s.ownerId(), "subnet/" + id);
        return Optional.of(new View(seen, Props.builder().put("arn", arn).put("ownerId", s.ownerId()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        boolean want = bool(in, "mapPublicIpOnLaunch", false);
        if (want != bool(oldOutputs, "mapPublicIpOnLaunch", false)) setPublicIp(id, want, ctx);
        updateTags(id, oldOutputs, in);
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "deleting " + id, "DeleteSubnet", () -> ec2().deleteSubnet(r -> r.subnetId(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeSubnets"), () -> ec2().describeSubnets(r -> r.filters(markFilter(urn))).subnets().stream()
                .map(Subnet::subnetId).findFirst());
    }
}
