package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimIds;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code aws:ec2/route:Route}: one destination per route table, to exactly one target in the
 * table's network. Its id is the aws provider's: {@code r-<route table id><crc32 of destination>}.
 * A route whose target is gone, or whose peering is not active, is a blackhole.
 */
final class RouteType extends AwsSimType {
    private static final List<String> TARGETS = List.of("gatewayId", "natGatewayId", "vpcPeeringConnectionId");

    RouteType() {
        super(ROUTE);
    }

    @Override
    public String notFoundCode() {
        return "InvalidRoute.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(
                Reference.to("routeTableId", ROUTE_TABLE, "InvalidRouteTableID.NotFound").resolvedBy(Resolvers.ROUTE_TABLE_OR_MAIN),
                Reference.to("gatewayId", INTERNET_GATEWAY, "InvalidGatewayID.NotFound").weak(),
                Reference.to("natGatewayId", NAT_GATEWAY, "InvalidNatGatewayID.NotFound").weak(),
                Reference.to("vpcPeeringConnectionId", VPC_PEERING, "InvalidVpcPeeringConnectionID.NotFound").weak());
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        cidr(in, "destinationCidrBlock", 0, 32, "InvalidParameterValue");
        List<String> given = new ArrayList<>();
        for (String t : TARGETS) {
            if (str(in, t) != null) given.add(t);
        }
        if (given.isEmpty()) throw SimErrors.invalid("MissingParameter", "a route needs a target: one of " + String.join(", ", TARGETS));
        if (given.size() > 1) throw SimErrors.invalid("InvalidParameterCombination", "a route has one target, got " + String.join(" and ", given));

        String rtb = str(in, "routeTableId");
        String network = vpcIdOf(Resolvers.ROUTE_TABLE_OR_MAIN.resolve(scope, rtb));
        String target = str(in, given.get(0));
        String targetNetwork;
        switch (given.get(0)) {
            case "gatewayId":
                targetNetwork = scope.find(INTERNET_GATEWAY, target).inputs().string("vpcId");
                break;
            case "natGatewayId":
                targetNetwork = vpcIdOf(scope.find(SUBNET, scope.find(NAT_GATEWAY, target).inputs().string("subnetId")));
                break;
            default:
                SimObject pcx = scope.find(VPC_PEERING, target);
                targetNetwork = network.equals(pcx.inputs().string("peerVpcId")) ? network : pcx.inputs().string("vpcId");
                break;
        }
        if (!network.equals(targetNetwork)) {
            throw bad("route table " + rtb + " and network gateway " + target + " belong to different networks");
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "routeTableId") + "|" + str(in, "destinationCidrBlock");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("RouteAlreadyExists", "The route identified by " + str(in, "destinationCidrBlock")
                + " already exists in " + str(in, "routeTableId") + " (" + existing.id() + ").");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return "r-" + str(in, "routeTableId") + SimIds.crc32(str(in, "destinationCidrBlock"));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("origin", "CreateRoute").build();
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        return o.computed().with("state", s(active(o.inputs(), scope) ? "active" : "blackhole"));
    }

    private static boolean active(Props in, SimScope scope) {
        if (str(in, "gatewayId") != null) return scope.find(INTERNET_GATEWAY, str(in, "gatewayId")) != null;
        if (str(in, "natGatewayId") != null) return scope.find(NAT_GATEWAY, str(in, "natGatewayId")) != null;
        SimObject pcx = scope.find(VPC_PEERING, str(in, "vpcPeeringConnectionId"));
        return pcx != null && pcx.is(SimObject.AVAILABLE);
    }
}
