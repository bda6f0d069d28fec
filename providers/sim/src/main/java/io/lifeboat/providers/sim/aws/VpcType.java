package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.VPC;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code aws:ec2/vpc:Vpc}: a /16 to /28 block; its main route table and default security group come with it. */
final class VpcType extends AwsSimType {
    VpcType() {
        super(VPC);
    }

    @Override
    public String notFoundCode() {
        return "InvalidVpcID.NotFound";
    }

    @Override
    public String quotaKey() {
        return "vpc";
    }

    @Override
    public ProviderException quotaExceeded(int limit) {
        return SimErrors.quota("VpcLimitExceeded", "The maximum number of VPCs has been reached (" + limit + " per region).");
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        cidr(in, "cidrBlock", 16, 28, "InvalidVpc.Range");
        String tenancy = str(in, "instanceTenancy");
        if (tenancy != null && !tenancy.matches("default|dedicated|host")) {
            throw bad("Value (" + tenancy + ") for parameter instanceTenancy is invalid (default, dedicated, host)");
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("vpc");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        String rtb = scope.ids().ec2("rtb");
        return Props.builder()
                .put("arn", scope.arn("ec2", "vpc/" + id))
                .put("ownerId", scope.account())
                .put("mainRouteTableId", rtb)
                .put("defaultRouteTableId", rtb)
                .put("defaultSecurityGroupId", scope.ids().ec2("sg"))
                .put("defaultNetworkAclId", scope.ids().ec2("acl"))
                .put("dhcpOptionsId", scope.ids().ec2("dopt"))
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("enableDnsSupport", true).put("enableDnsHostnames", false).put("instanceTenancy", "default").build();
    }
}
