package io.lifeboat.program.pulumi;

import java.util.List;
import java.util.Optional;

import com.google.protobuf.Struct;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * The invokes Lifeboat's engine answers for a program without a cloud call: the stack's region
 * and its availability zones, as {@code aws:index/getRegion:getRegion} and
 * {@code aws:index/getAvailabilityZones:getAvailabilityZones} answer them. Any other invoke is
 * refused, naming these.
 */
final class PulumiInvokes {
    static final List<String> TOKENS = List.of("aws:index/getRegion:getRegion", "aws:index/getAvailabilityZones:getAvailabilityZones");

    private PulumiInvokes() {
    }

    static Optional<Struct> answer(String token, String region) {
        if (token.equals(TOKENS.get(0))) {
            return Optional.of(PulumiValues.struct(Props.builder().put("id", region).put("name", region)
                    .put("description", region).put("endpoint", "ec2." + region + ".amazonaws.com").build()));
        }
        if (token.equals(TOKENS.get(1))) {
            List<String> zones = List.of(region + "a", region + "b", region + "c");
            return Optional.of(PulumiValues.struct(Props.builder().put("id", region).put("names", PropertyValue.strings(zones))
                    .put("zoneIds", PropertyValue.strings(zones.stream().map(z -> z.replace("-", "")).toList()))
                    .put("groupNames", PropertyValue.strings(List.of(region))).put("state", "available").build()));
        }
        return Optional.empty();
    }

}
