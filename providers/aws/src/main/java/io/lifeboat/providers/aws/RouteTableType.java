package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/** {@code aws:ec2/routeTable:RouteTable}: a table of a VPC; its routes are {@link RouteType}s of their own. */
final class RouteTableType extends Ec2Type {
    RouteTableType(AwsClients aws) {
        super(AwsSchemas.ROUTE_TABLE, aws, software.amazon.awssdk.services.ec2.model.ResourceType.ROUTE_TABLE);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String id = poll.consistent(ctx, "creating a route table", () -> AwsCall.run(in("CreateRouteTable"),
                () -> ec2().createRouteTable(r -> r.vpcId(str(in, "vpcId")).tagSpecifications(tagSpec(in, urn))).routeTable().routeTableId()));
        return created(id, in, ctx);
    }

    static Optional<RouteTable> describe(AwsType type, AwsClients aws, String id) throws ProviderException {
        return AwsCall.find(type.in("DescribeRouteTables"),
                () -> aws.ec2().describeRouteTables(r -> r.routeTableIds(id)).routeTables().stream().findFirst().orElse(null));
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<RouteTable> found = describe(this, aws, id);
        if (found.isEmpty()) return Optional.empty();
        RouteTable t = found.get();
        Props seen = Props.builder().put("vpcId", t.vpcId()).put("tags", tagsValue(tagMap(t.tags()))).build();
        return Optional.of(new View(seen, Props.builder().put("arn", arn(t.ownerId(), "route-table/" + id)).put("ownerId", t.ownerId()).build()));
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "deleting " + id, "DeleteRouteTable", () -> ec2().deleteRouteTable(r -> r.routeTableId(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeRouteTables"), () -> ec2().describeRouteTables(r -> r.filters(markFilter(urn))).routeTables().stream()
                .map(RouteTable::routeTableId).findFirst());
    }
}
