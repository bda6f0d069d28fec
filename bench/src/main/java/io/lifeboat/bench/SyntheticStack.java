package io.lifeboat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lifeboat.program.aws.AwsMapping;
import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;

/**
 * A stack of about {@code n} resources in the aws package's types, shaped like a platform's
 * network at scale: VPCs, each with security groups, each with many rules that refer to it.
 * Three levels deep, so the critical path is short and the width is what the engine must handle.
 */
final class SyntheticStack {
    static final String STACK = "bench";
    static final String PROJECT = "bench";
    static final int RULES_PER_GROUP = 99;
    static final int GROUPS_PER_VPC = 10;

    private SyntheticStack() {
    }

    static ProgramResult program(int n, String region) {
        List<Goal> goals = new ArrayList<>();
        Urn root = new Urn(STACK, PROJECT, Urn.STACK_TYPE, PROJECT + "-" + STACK);
        goals.add(new Goal(root, false, Props.EMPTY, ResourceOptions.NONE, null));
        Urn provider = Urn.of(STACK, PROJECT, root, AwsMapping.PROVIDER_TYPE, "aws-" + region);
        goals.add(new Goal(provider, true, Props.builder().put("region", region).put("endpoint", "sim").build(),
                ResourceOptions.NONE.withParent(root), null));
        ResourceOptions opts = ResourceOptions.NONE.withParent(root).withProvider(provider);
        int vpcs = Math.max(1, (int) Math.ceil((n - 2) / (double) (1 + GROUPS_PER_VPC * (1 + RULES_PER_GROUP))));
        int made = 2;
        for (int v = 0; v < vpcs && made < n; v++) {
            Urn vpc = Urn.of(STACK, PROJECT, root, AwsSchemas.VPC, "vpc-" + v);
            goals.add(new Goal(vpc, true, Props.builder().put("cidrBlock", "10." + v + ".0.0/16").put("enableDnsSupport", true)
                    .put("tags", PropertyValue.fromJava(Map.of("Name", "bench-" + v))).build(), opts, null));
            made++;
            for (int g = 0; g < GROUPS_PER_VPC && made < n; g++) {
                Urn sg = Urn.of(STACK, PROJECT, root, AwsSchemas.SECURITY_GROUP, "sg-" + v + "-" + g);
                goals.add(new Goal(sg, true, Props.builder().put("name", "group-" + v + "-" + g).put("description", "bench")
                        .put("vpcId", new PropertyValue.Ref(vpc, "id")).build(), opts, null));
                made++;
                for (int r = 0; r < RULES_PER_GROUP && made < n; r++) {
                    Urn rule = Urn.of(STACK, PROJECT, root, AwsSchemas.SECURITY_GROUP_RULE, "rule-" + v + "-" + g + "-" + r);
                    goals.add(new Goal(rule, true, Props.builder().put("securityGroupId", new PropertyValue.Ref(sg, "id"))
                            .put("type", "ingress").put("protocol", "tcp").put("fromPort", 1000 + r).put("toPort", 1000 + r)
                            .put("cidrBlocks", PropertyValue.strings(List.of("10." + v + ".0.0/16"))).build(), opts, null));
                    made++;
                }
            }
        }
        return new ProgramResult(goals, Map.of());
    }
}
