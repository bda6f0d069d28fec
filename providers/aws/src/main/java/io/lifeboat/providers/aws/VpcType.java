package io.lifeboat.providers.aws;

import java.util.List;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/** {@code aws:ec2/vpc:Vpc}: CreateVpc, then its DNS attributes (one ModifyVpcAttribute each). */
final class VpcType extends Ec2Type {
    VpcType(AwsClients aws) {
        super(AwsSchemas.VPC, aws, software.amazon.awssdk.services.ec2.model.ResourceType.VPC);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String id = AwsCall.run(in("CreateVpc"), () -> ec2().createVpc(r -> r.cidrBlock(str(in, "cidrBlock"))
                .instanceTenancy(str(in, "instanceTenancy")).tagSpecifications(tagSpec(in, urn))).vpc().vpcId());
        setDns(id, in, null, ctx);
        return created(id, in, ctx);
    }

    private void setDns(String id, Props in, Props old, OperationContext ctx) throws ProviderException {
        Boolean support = bool(in, "enableDnsSupport");
        if (support != null && (old == null ? !support : !support.equals(bool(old, "enableDnsSupport")))) {
            poll.consistent(ctx, "setting DNS support of " + id, () -> AwsCall.run(in("ModifyVpcAttribute"),
                    () -> ec2().modifyVpcAttribute(r -> r.vpcId(id).enableDnsSupport(on(support)))));
        }
        Boolean hostnames = bool(in, "enableDnsHostnames");
        if (hostnames != null && (old == null ? hostnames : !hostnames.equals(bool(old, "enableDnsHostnames")))) {
            poll.consistent(ctx, "setting DNS hostnames of " + id, () -> AwsCall.run(in("ModifyVpcAttribute"),
                    () -> ec2().modifyVpcAttribute(r -> r.vpcId(id).enableDnsHostnames(on(hostnames)))));
        }
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Vpc> found = AwsCall.find(in("DescribeVpcs"), () -> ec2().describeVpcs(r -> r.vpcIds(id)).vpcs().stream().findFirst().orElse(null));
        if (found.isEmpty()) return Optional.empty();
        Vpc vpc = found.get();
        boolean support = AwsCall.run(in("DescribeVpcAttribute"), () -> ec2().describeVpcAttribute(r -> r.vpcId(id)
                .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)).enableDnsSupport().value());
        boolean hostnames = AwsCall.run(in("DescribeVpcAttribute"), () -> ec2().describeVpcAttribute(r -> r.vpcId(id)
                .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value());
        List<RouteTable> main = AwsCall.run(in("DescribeRouteTables"), () -> ec2().describeRouteTables(r -> r.filters(
                filter("vpc-id", id), filter("association.main", "true"))).routeTables());
        List<SecurityGroup> sg = AwsCall.run(in("DescribeSecurityGroups"), () -> ec2().describeSecurityGroups(r -> r.filters(
                filter("vpc-id", id), filter("group-name", "default"))).securityGroups());
        String rtb = main.isEmpty() ? null : main.get(0).routeTableId();
        Props seen = Props.builder().put("cidrBlock", vpc.cidrBlock()).put("instanceTenancy", vpc.instanceTenancyAsString())
                .put("enableDnsSupport", support).put("enableDnsHostnames", hostnames).put("tags", tagsValue(tagMap(vpc.tags()))).build();
        Props computed = Props.builder().put("arn", arn(vpc.ownerId(), "vpc/" + id)).put("ownerId", vpc.ownerId())
                .put("mainRouteTableId", rtb).put("defaultRouteTableId", rtb)
                .put("defaultSecurityGroupId", sg.isEmpty() ? null : sg.get(0).groupId()).build();
        return Optional.of(new View(seen, computed));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        setDns(id, in, oldOutputs, ctx);
        updateTags(id, oldOutputs, in);
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "deleting " + id, "DeleteVpc", () -> ec2().deleteVpc(r -> r.vpcId(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeVpcs"), () -> ec2().describeVpcs(r -> r.filters(markFilter(urn))).vpcs().stream()
                .map(Vpc::vpcId).findFirst());
    }
}
