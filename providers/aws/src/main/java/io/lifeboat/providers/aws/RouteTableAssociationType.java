package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/** {@code aws:ec2/routeTableAssociation:RouteTableAssociation}: a subnet's table; a new table is swapped in place. */
final class RouteTableAssociationType extends Ec2Type {
    RouteTableAssociationType(AwsClients aws) {
        super(AwsSchemas.ROUTE_TABLE_ASSOCIATION, aws, software.amazon.awssdk.services.ec2.model.ResourceType.ROUTE_TABLE);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String id = poll.consistent(ctx, "associating " + str(in, "subnetId"), () -> AwsCall.run(in("AssociateRouteTable"),
                () -> ec2().associateRouteTable(r -> r.routeTableId(str(in, "routeTableId")).subnetId(str(in, "subnetId"))).associationId()));
        return created(id, in, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        for (RouteTable t : AwsCall.run(in("DescribeRouteTables"), () -> ec2().describeRouteTables(r -> r.filters(
                filter("association.route-table-association-id", id))).routeTables())) {
            for (RouteTableAssociation a : t.associations()) {
                if (id.equals(a.routeTableAssociationId())) {
                    return Optional.of(new View(Props.builder().put("subnetId", a.subnetId()).put("routeTableId", a.routeTableId()).build(),
                            Props.EMPTY));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String next = AwsCall.run(in("ReplaceRouteTableAssociation"), () -> ec2().replaceRouteTableAssociation(r -> r.associationId(id)
                .routeTableId(str(in, "routeTableId"))).newAssociationId());
        return current(next, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        AwsCall.delete(in("DisassociateRouteTable"), () -> ec2().disassociateRouteTable(r -> r.associationId(id)));
    }
}
