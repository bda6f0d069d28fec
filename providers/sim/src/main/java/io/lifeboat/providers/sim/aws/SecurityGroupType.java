package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SECURITY_GROUP;
import static io.lifeboat.program.aws.AwsSchemas.VPC;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/** {@code aws:ec2/securityGroup:SecurityGroup}: a name unique in its VPC, with inline rules. */
final class SecurityGroupType extends AwsSimType {
    SecurityGroupType() {
        super(SECURITY_GROUP);
    }

    @Override
    public String notFoundCode() {
        return "InvalidGroup.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("vpcId", VPC, "InvalidVpcID.NotFound"));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (name.isEmpty() || name.length() > 255) throw bad("a group name is 1 to 255 characters");
        if (name.startsWith("sg-")) throw bad("Group names may not be in the format sg-*: " + name);
        if (name.equals("default")) throw SimErrors.invalid("InvalidGroup.Reserved", "The security group 'default' is reserved");
        checkRules(in, "ingress");
        checkRules(in, "egress");
    }

    private void checkRules(Props in, String key) throws ProviderException {
        PropertyValue v = in.get(key);
        if (v == null) return;
        if (!(v instanceof PropertyValue.Arr)) throw bad(key + " must be a list of rules");
        for (Props rule : objects(in, key)) {
            String protocol = SecurityGroupRules.protocol(rule.string("protocol"));
            if (protocol == null) throw bad("Invalid value '" + rule.string("protocol") + "' for IP protocol in " + key);
            String problem = SecurityGroupRules.portProblem(protocol, num(rule, "fromPort"), num(rule, "toPort"));
            if (problem != null) throw bad(key + ": " + problem);
            for (String c : strings(rule, "cidrBlocks")) {
                Cidr block = Cidr.parse(c);
                if (block == null || !block.isCanonical()) throw bad("CIDR block " + c + " is malformed (" + key + ")");
            }
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "vpcId") + "|" + str(in, "name");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("InvalidGroup.Duplicate", "The security group '" + str(in, "name") + "' already exists for VPC '"
                + str(in, "vpcId") + "' (" + existing.id() + ")");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("sg");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("arn", scope.arn("ec2", "security-group/" + id)).put("ownerId", scope.account()).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder()
                .put("description", "Managed by Pulumi")
                .put("ingress", PropertyValue.list())
                .put("egress", PropertyValue.list())
                .put("revokeRulesOnDelete", false)
                .build();
    }
}
