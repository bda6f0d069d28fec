package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.provider.Values;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** Security group rules between the Pulumi shape ({@code protocol, fromPort, toPort, cidrBlocks, self}) and EC2's. */
final class SecurityRules {
    private SecurityRules() {
    }

    /** The EC2 permission for a rule of group {@code groupId}. */
    static IpPermission permission(Props rule, String groupId) {
        String protocol = Values.str(rule, "protocol");
        boolean all = "-1".equals(protocol) || "all".equals(protocol);
        IpPermission.Builder p = IpPermission.builder().ipProtocol(all ? "-1" : protocol);
        if (!all) p.fromPort(Values.integer(rule, "fromPort")).toPort(Values.integer(rule, "toPort"));
        List<IpRange> ranges = new ArrayList<>();
        for (String cidr : Values.strings(rule, "cidrBlocks")) {
            IpRange.Builder r = IpRange.builder().cidrIp(cidr);
            if (Values.str(rule, "description") != null) r.description(Values.str(rule, "description"));
            ranges.add(r.build());
        }
        p.ipRanges(ranges);
        List<UserIdGroupPair> groups = new ArrayList<>();
        if (Values.bool(rule, "self", false)) groups.add(UserIdGroupPair.builder().groupId(groupId).build());
        String source = Values.str(rule, "sourceSecurityGroupId");
        if (source != null) groups.add(UserIdGroupPair.builder().groupId(source).build());
        for (String g : Values.strings(rule, "securityGroups")) groups.add(UserIdGroupPair.builder().groupId(g).build());
        p.userIdGroupPairs(groups);
        return p.build();
    }

    static List<IpPermission> permissions(List<Props> rules, String groupId) {
        List<IpPermission> out = new ArrayList<>();
        for (Props r : rules) out.add(permission(r, groupId));
        return out;
    }

    /** A group's permission as an inline rule of the Pulumi shape. */
    static PropertyValue inline(IpPermission p, String groupId) {
        Props.Builder b = ports(Props.builder(), p.ipProtocol(), p.fromPort(), p.toPort());
        List<String> cidrs = new ArrayList<>();
        for (IpRange r : p.ipRanges()) cidrs.add(r.cidrIp());
        if (!cidrs.isEmpty()) b.put("cidrBlocks", PropertyValue.strings(cidrs));
        List<String> others = new ArrayList<>();
        for (UserIdGroupPair g : p.userIdGroupPairs()) {
            if (groupId.equals(g.groupId())) b.put("self", true);
            else others.add(g.groupId());
        }
        if (!others.isEmpty()) b.put("securityGroups", PropertyValue.strings(others));
        return new PropertyValue.Obj(b.build());
    }

    /** A single rule as the inputs of {@code aws:ec2/securityGroupRule:SecurityGroupRule}. */
    static Props standalone(SecurityGroupRule r) {
        Props.Builder b = ports(Props.builder(), r.ipProtocol(), r.fromPort(), r.toPort())
                .put("securityGroupId", r.groupId()).put("type", Boolean.TRUE.equals(r.isEgress()) ? "egress" : "ingress");
        if (r.cidrIpv4() != null) b.put("cidrBlocks", PropertyValue.strings(List.of(r.cidrIpv4())));
        if (r.referencedGroupInfo() != null && r.referencedGroupInfo().groupId() != null) {
            if (r.referencedGroupInfo().groupId().equals(r.groupId())) b.put("self", true);
            else b.put("sourceSecurityGroupId", r.referencedGroupInfo().groupId());
        }
        if (r.description() != null && !r.description().isEmpty()) b.put("description", r.description());
        return b.build();
    }

    private static Props.Builder ports(Props.Builder b, String protocol, Integer from, Integer to) {
        boolean all = "-1".equals(protocol);
        return b.put("protocol", protocol).put("fromPort", all || from == null || from < 0 ? 0 : from)
                .put("toPort", all || to == null || to < 0 ? 0 : to);
    }
}
