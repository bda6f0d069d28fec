package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SECURITY_GROUP;
import static io.lifeboat.program.aws.AwsSchemas.SECURITY_GROUP_RULE;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/** {@code aws:ec2/securityGroupRule:SecurityGroupRule}: one rule, from one kind of source, not twice. */
final class SecurityGroupRuleType extends AwsSimType {
    SecurityGroupRuleType() {
        super(SECURITY_GROUP_RULE);
    }

    @Override
    public String notFoundCode() {
        return "InvalidSecurityGroupRuleId.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(
                Reference.to("securityGroupId", SECURITY_GROUP, "InvalidGroup.NotFound").resolvedBy(Resolvers.SECURITY_GROUP_OR_DEFAULT),
                Reference.to("sourceSecurityGroupId", SECURITY_GROUP, "InvalidGroup.NotFound").resolvedBy(Resolvers.SECURITY_GROUP_OR_DEFAULT));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String type = str(in, "type");
        if (!"ingress".equals(type) && !"egress".equals(type)) throw bad("type must be ingress or egress, got " + type);
        String protocol = SecurityGroupRules.protocol(str(in, "protocol"));
        if (protocol == null) throw bad("Invalid value '" + str(in, "protocol") + "' for IP protocol");
        String problem = SecurityGroupRules.portProblem(protocol, num(in, "fromPort"), num(in, "toPort"));
        if (problem != null) throw bad(problem);
        List<String> sources = new ArrayList<>();
        if (!strings(in, "cidrBlocks").isEmpty()) sources.add("cidrBlocks");
        if (str(in, "sourceSecurityGroupId") != null) sources.add("sourceSecurityGroupId");
        if (bool(in, "self", false)) sources.add("self");
        if (sources.isEmpty()) throw SimErrors.invalid("MissingParameter", "a rule needs one of cidrBlocks, sourceSecurityGroupId, self");
        if (sources.size() > 1) throw SimErrors.invalid("InvalidParameterCombination", "a rule takes one of " + String.join(", ", sources));
        for (String c : strings(in, "cidrBlocks")) {
            Cidr block = Cidr.parse(c);
            if (block == null || !block.isCanonical()) throw bad("CIDR block " + c + " is malformed");
        }
    }

    @Override
    public String uniqueKey(Props in) {
        List<String> cidrs = new ArrayList<>(strings(in, "cidrBlocks"));
        cidrs.sort(null);
        Double from = num(in, "fromPort");
        Double to = num(in, "toPort");
        return String.join("|", str(in, "securityGroupId"), str(in, "type"), SecurityGroupRules.protocol(str(in, "protocol")),
                String.valueOf(from == null ? null : from.intValue()), String.valueOf(to == null ? null : to.intValue()),
                String.join(",", cidrs), String.valueOf(str(in, "sourceSecurityGroupId")), String.valueOf(bool(in, "self", false)));
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("InvalidPermission.Duplicate", "the specified rule already exists in "
                + str(in, "securityGroupId") + " (" + existing.id() + ")");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("sgr");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("securityGroupRuleId", id).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("self", false).build();
    }
}
