package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.*;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code aws:ec2/routeTableAssociation:RouteTableAssociation}: a subnet uses one route table of its own network. */
final class RouteTableAssociationType extends AwsSimType {
    RouteTableAssociationType() {
        super(ROUTE_TABLE_ASSOCIATION);
    }

    @Override
    public String notFoundCode() {
        return "InvalidAssociationID.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("subnetId", SUBNET, "InvalidSubnetID.NotFound"),
                Reference.to("routeTableId", ROUTE_TABLE, "InvalidRouteTableID.NotFound").resolvedBy(Resolvers.ROUTE_TABLE_OR_MAIN));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String subnet = str(in, "subnetId");
        String rtb = str(in, "routeTableId");
        String subnetNetwork = vpcIdOf(scope.find(SUBNET, subnet));
        String tableNetwork = vpcIdOf(Resolvers.ROUTE_TABLE_OR_MAIN.resolve(scope, rtb));
        if (!subnetNetwork.equals(tableNetwork)) {
            throw bad("route table " + rtb + " and subnet " + subnet + " belong to different networks");
        }
        for (SimObject other : scope.all(ROUTE_TABLE_ASSOCIATION)) {
            if (current != null && other.id().equals(current.id())) continue;
            if (subnet.equals(other.inputs().string("subnetId"))) {
                throw SimErrors.conflict("Resource.AlreadyAssociated", "the specified association for route table "
                        + other.inputs().string("routeTableId") + " conflicts with an existing association (" + other.id() + ")");
            }
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("rtbassoc");
    }
}
