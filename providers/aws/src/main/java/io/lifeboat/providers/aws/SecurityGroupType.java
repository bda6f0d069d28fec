package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * {@code aws:ec2/securityGroup:SecurityGroup} with its inline {@code ingress} and {@code egress}
 * rules. Every rule of the group carries the group's mark, so that listing rules tells them from
 * hand-made ones; given egress replaces the default allow-all rule, as in Pulumi.
 */
final class SecurityGroupType extends Ec2Type {
    SecurityGroupType(AwsClients aws) {
        super(AwsSchemas.SECURITY_GROUP, aws, software.amazon.awssdk.services.ec2.model.ResourceType.SECURITY_GROUP);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String description = str(in, "description") == null ? "Managed by Lifeboat" : str(in, "description");
        String id = poll.consistent(ctx, "creating security group " + str(in, "name"), () -> AwsCall.run(in("CreateSecurityGroup"),
                () -> ec2().createSecurityGroup(r -> r.groupName(str(in, "name")).description(description).vpcId(str(in, "vpcId"))
                        .tagSpecifications(tagSpec(in, urn))).groupId()));
        List<SecurityGroupRule> defaults = poll.consistent(ctx, "reading the rules of " + id, () -> rules(id));
        if (in.containsKey("egress")) revoke(id, defaults, true);
        else markRules(defaults, urn);
        authorize(id, in, urn, ctx);
        return created(id, in, ctx);
    }

    private List<SecurityGroupRule> rules(String groupId) throws ProviderException {
        return AwsCall.run(in("DescribeSecurityGroupRules"), () -> ec2().describeSecurityGroupRules(r -> r.filters(filter("group-id", groupId)))
                .securityGroupRules());
    }

    private void markRules(List<SecurityGroupRule> rules, Urn urn) throws ProviderException {
        List<String> ids = new ArrayList<>();
        for (SecurityGroupRule r : rules) ids.add(r.securityGroupRuleId());
        if (ids.isEmpty() || urn == null) return;
        AwsCall.exec(in("CreateTags"), () -> ec2().createTags(r -> r.resources(ids).tags(tags(markedTags(Props.EMPTY, urn)))));
    }

    private void revoke(String groupId, List<SecurityGroupRule> rules, boolean egress) throws ProviderException {
        List<String> ids = new ArrayList<>();
        for (SecurityGroupRule r : rules) if (Boolean.TRUE.equals(r.isEgress()) == egress) ids.add(r.securityGroupRuleId());
        if (ids.isEmpty()) return;
        if (egress) AwsCall.exec(in("RevokeSecurityGroupEgress"), () -> ec2().revokeSecurityGroupEgress(r -> r.groupId(groupId).securityGroupRuleIds(ids)));
        else AwsCall.exec(in("RevokeSecurityGroupIngress"), () -> ec2().revokeSecurityGroupIngress(r -> r.groupId(groupId).securityGroupRuleIds(ids)));
    }

    private void authorize(String id, Props in, Urn urn, OperationContext ctx) throws ProviderException {
        TagSpecification mark = TagSpecification.builder().resourceType(software.amazon.awssdk.services.ec2.model.ResourceType.SECURITY_GROUP_RULE)
                .tags(tags(markedTags(Props.EMPTY, urn))).build();
        List<IpPermission> ingress = SecurityRules.permissions(objects(in, "ingress"), id);
        List<IpPermission> egress = SecurityRules.permissions(objects(in, "egress"), id);
        if (!ingress.isEmpty()) {
            poll.consistent(ctx, "authorizing ingress of " + id, () -> AwsCall.run(in("AuthorizeSecurityGroupIngress"),
                    () -> ec2().authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(ingress).tagSpecifications(mark))));
        }
        if (!egress.isEmpty()) {
            poll.consistent(ctx, "authorizing egress of " + id, () -> AwsCall.run(in("AuthorizeSecurityGroupEgress"),
                    () -> ec2().authorizeSecurityGroupEgress(r -> r.groupId(id).ipPermissions(egress).tagSpecifications(mark))));
        }
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<SecurityGroup> found = AwsCall.find(in("DescribeSecurityGroups"),
                () -> ec2().describeSecurityGroups(r -> r.groupIds(id)).securityGroups().stream().findFirst().orElse(null));
        if (found.isEmpty()) return Optional.empty();
        SecurityGroup g = found.get();
        Props.Builder seen = Props.builder().put("name", g.groupName()).put("description", g.description()).put("vpcId", g.vpcId())
                .put("tags", tagsValue(tagMap(g.tags())));
        // rules are observed where the engine manages them (or when it knows nothing of the group)
        if (given.containsKey("ingress") || given.isEmpty()) seen.put("ingress", inline(g.ipPermissions(), id));
        if (given.containsKey("egress") || given.isEmpty()) seen.put("egress", inline(g.ipPermissionsEgress(), id));
        return Optional.of(new View(seen.build(), Props.builder().put("arn", arn(g.ownerId(), "security-group/" + id))
                .put("ownerId", g.ownerId()).build()));
    }

    private static PropertyValue inline(List<IpPermission> permissions, String groupId) {
        List<PropertyValue> out = new ArrayList<>();
        for (IpPermission p : permissions) out.add(SecurityRules.inline(p, groupId));
        return new PropertyValue.Arr(out);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        boolean ingress = !java.util.Objects.equals(clean(oldOutputs).get("ingress"), in.get("ingress"));
        boolean egress = !java.util.Objects.equals(clean(oldOutputs).get("egress"), in.get("egress"));
        if (ingress || egress) {
            List<SecurityGroupRule> now = rules(id);
            if (ingress) revoke(id, now, false);
            if (egress) revoke(id, now, true);
            Props changed = in;
            if (!ingress) changed = changed.without("ingress");
            if (!egress) changed = changed.without("egress");
            authorize(id, changed, ctx.urn(), ctx);
        }
        updateTags(id, oldOutputs, in);
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "deleting " + id, "DeleteSecurityGroup", () -> ec2().deleteSecurityGroup(r -> r.groupId(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeSecurityGroups"), () -> ec2().describeSecurityGroups(r -> r.filters(markFilter(urn))).securityGroups()
                .stream().map(SecurityGroup::groupId).findFirst());
    }
}
