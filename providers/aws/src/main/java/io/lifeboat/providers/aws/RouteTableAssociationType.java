package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
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

    /**
     * The subnet's association: found by the subnet when it is known, since replacing a subnet's
     * table gives the association a new id, else by the id.
     */
    private Optional<RouteTableAssociation> find(String id, String subnetId) throws ProviderException {
        String filter = subnetId != null ? "association.subnet-id" : "association.route-table-association-id";
        String value = subnetId != null ? subnetId : id;
        for (RouteTable t : AwsCall.run(in("DescribeRouteTables"), () -> ec2().describeRouteTables(r -> r.filters(filter(filter, value))).routeTables())) {
            for (RouteTableAssociation a : t.associations()) {
                if (subnetId != null ? subnetId.equals(a.subnetId()) : id.equals(a.routeTableAssociationId())) return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        return find(id, str(clean(given), "subnetId")).map(a -> new View(Props.builder().put("subnetId", a.subnetId())
                .put("routeTableId", a.routeTableId()).build(), Props.EMPTY));
    }

    /** An association carries no mark: the subnet's association with the table the inputs name is ours. */
    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        Props in = clean(inputs);
        if (str(in, "subnetId") == null) return Optional.empty();
        return find(null, str(in, "subnetId")).filter(a -> a.routeTableId().equals(str(in, "routeTableId")))
                .map(RouteTableAssociation::routeTableAssociationId);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String current = find(id, str(in, "subnetId")).map(RouteTableAssociation::routeTableAssociationId).orElse(id);
        AwsCall.run(in("ReplaceRouteTableAssociation"), () -> ec2().replaceRouteTableAssociation(r -> r.associationId(current)
                .routeTableId(str(in, "routeTableId"))));
        // the id the engine knows stays; reads find the association by its subnet
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String current = find(id, str(outputs, "subnetId")).map(RouteTableAssociation::routeTableAssociationId).orElse(id);
        AwsCall.delete(in("DisassociateRouteTable"), () -> ec2().disassociateRouteTable(r -> r.associationId(current)));
    }
}
