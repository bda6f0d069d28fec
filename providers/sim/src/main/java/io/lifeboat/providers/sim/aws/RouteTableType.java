package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.ROUTE_TABLE;
import static io.lifeboat.program.aws.AwsSchemas.VPC;

import java.util.List;

import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code aws:ec2/routeTable:RouteTable}: belongs to a VPC; cannot go while routes or associations use it. */
final class RouteTableType extends AwsSimType {
    RouteTableType() {
        super(ROUTE_TABLE);
    }

    @Override
    public String notFoundCode() {
        return "InvalidRouteTableID.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("vpcId", VPC, "InvalidVpcID.NotFound"));
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("rtb");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("arn", scope.arn("ec2", "route-table/" + id)).put("ownerId", scope.account()).build();
    }
}
