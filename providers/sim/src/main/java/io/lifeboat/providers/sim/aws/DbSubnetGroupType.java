package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.DB_SUBNET_GROUP;
import static io.lifeboat.program.aws.AwsSchemas.SUBNET;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code aws:rds/subnetGroup:SubnetGroup}: named uniquely in the region, subnets of one VPC covering two zones. */
final class DbSubnetGroupType extends AwsSimType {
    DbSubnetGroupType() {
        super(DB_SUBNET_GROUP);
    }

    @Override
    public String notFoundCode() {
        return "DBSubnetGroupNotFoundFault";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("subnetIds", SUBNET, "InvalidSubnet"));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (!name.matches("[a-zA-Z0-9 ._-]{1,255}") || name.equalsIgnoreCase("default")) {
            throw bad("DB subnet group name '" + name + "' must be 1 to 255 letters, digits, spaces, periods, underscores or hyphens, and not 'default'");
        }
        Set<String> zones = new HashSet<>();
        Set<String> networks = new HashSet<>();
        for (String id : strings(in, "subnetIds")) {
            SimObject subnet = scope.find(SUBNET, id);
            zones.add(subnet.inputs().string("availabilityZone"));
            networks.add(subnet.inputs().string("vpcId"));
        }
        if (networks.size() > 1) throw SimErrors.invalid("InvalidSubnet", "the subnets of a DB subnet group must be in one VPC, got " + networks);
        if (zones.size() < 2) {
            throw SimErrors.invalid("DBSubnetGroupDoesNotCoverEnoughAZs",
                    "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: "
                            + (zones.isEmpty() ? "none" : String.join(", ", zones)) + ". Add subnets to cover at least 2 AZs.");
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "name").toLowerCase(Locale.ROOT);
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("DBSubnetGroupAlreadyExists", "The DB subnet group '" + str(in, "name") + "' already exists.");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("arn", scope.arn("rds", "subgrp:" + id)).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("description", "Managed by Pulumi").build();
    }
}
