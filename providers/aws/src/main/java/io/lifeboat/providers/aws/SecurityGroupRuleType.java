package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code aws:ec2/securityGroupRule:SecurityGroupRule}: one rule, its id EC2's {@code sgr-…}. The
 * type has no tags input, but EC2 rules take tags: the mark goes on the rule, so that listing
 * rules finds the hand-made ones (those without a mark).
 */
final class SecurityGroupRuleType extends Ec2Type {
    SecurityGroupRuleType(AwsClients aws) {
        super(AwsSchemas.SECURITY_GROUP_RULE, aws, software.amazon.awssdk.services.ec2.model.ResourceType.SECURITY_GROUP_RULE);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String group = str(in, "securityGroupId");
        IpPermission p = SecurityRules.permission(in, group);
        TagSpecification mark = tagSpec(Props.EMPTY, urn);
        List<SecurityGroupRule> made = "egress".equals(str(in, "type"))
                ? poll.consistent(ctx, "authorizing egress of " + group, () -> AwsCall.run(in("AuthorizeSecurityGroupEgress"),
                        () -> ec2().authorizeSecurityGroupEgress(r -> r.groupId(group).ipPermissions(p).tagSpecifications(mark)).securityGroupRules()))
                : poll.consistent(ctx, "authorizing ingress of " + group, () -> AwsCall.run(in("AuthorizeSecurityGroupIngress"),
                        () -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(p).tagSpecifications(mark)).securityGroupRules()));
        if (made.isEmpty()) throw invalid("InvalidPermission.Malformed", "EC2 made no rule for " + in);
        return created(made.get(0).securityGroupRuleId(), in, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<SecurityGroupRule> found = AwsCall.find(in("DescribeSecurityGroupRules"),
                () -> ec2().describeSecurityGroupRules(r -> r.securityGroupRuleIds(id)).securityGroupRules().stream().findFirst().orElse(null));
        return found.map(r -> new View(SecurityRules.standalone(r), Props.builder().put("securityGroupRuleId", id).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        return current(id, clean(newInputs), ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String group = str(outputs, "securityGroupId");
        if ("egress".equals(str(outputs, "type"))) {
            AwsCall.delete(in("RevokeSecurityGroupEgress"), () -> ec2().revokeSecurityGroupEgress(r -> r.groupId(group).securityGroupRuleIds(id)));
        } else {
            AwsCall.delete(in("RevokeSecurityGroupIngress"), () -> ec2().revokeSecurityGroupIngress(r -> r.groupId(group).securityGroupRuleIds(id)));
        }
    }

    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        List<Listed> out = new ArrayList<>();
        for (SecurityGroupRule r : AwsCall.run(in("DescribeSecurityGroupRules"), () -> ec2().describeSecurityGroupRulesPaginator(r -> { }).securityGroupRules().stream().toList())) {
            out.add(new Listed(r.securityGroupRuleId(), SecurityRules.standalone(r), tagMap(r.tags()).get(TypeSchema.URN_TAG)));
        }
        return out;
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeSecurityGroupRules"), () -> ec2().describeSecurityGroupRules(r -> r.filters(markFilter(urn)))
                .securityGroupRules().stream().map(SecurityGroupRule::securityGroupRuleId).findFirst());
    }
}
