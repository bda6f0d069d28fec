package io.lifeboat.providers.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * {@code aws:ec2/route:Route}: one destination of a route table, through an internet gateway, a
 * NAT gateway or a peering connection. Routes carry no tags: the id is the table and a hash of
 * the destination ({@code r-rtb-…1234567890}, the sim's and Pulumi's shape).
 */
final class RouteType extends Ec2Type {
    RouteType(AwsClients aws) {
        super(AwsSchemas.ROUTE, aws, software.amazon.awssdk.services.ec2.model.ResourceType.ROUTE_TABLE);
    }

    static String id(String table, String destination) {
        CRC32 crc = new CRC32();
        crc.update(destination.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "r-" + table + crc.getValue();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String table = str(in, "routeTableId");
        String dest = str(in, "destinationCidrBlock");
        poll.consistent(ctx, "adding route " + dest + " to " + table, () -> AwsCall.run(in("CreateRoute"),
                () -> ec2().createRoute(r -> r.routeTableId(table).destinationCidrBlock(dest).gatewayId(str(in, "gatewayId"))
                        .natGatewayId(str(in, "natGatewayId")).vpcPeeringConnectionId(str(in, "vpcPeeringConnectionId")))));
        return created(id(table, dest), in, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        String table = str(given, "routeTableId");
        String dest = str(given, "destinationCidrBlock");
        if (table == null || dest == null) return Optional.empty();
        Optional<RouteTable> t = RouteTableType.describe(this, aws, table);
        if (t.isEmpty()) return Optional.empty();
        for (Route r : t.get().routes()) {
            if (dest.equals(r.destinationCidrBlock())) return Optional.of(new View(seen(table, r), computed(r)));
        }
        return Optional.empty();
    }

    private static Props seen(String table, Route r) {
        return Props.builder().put("routeTableId", table).put("destinationCidrBlock", r.destinationCidrBlock())
                .put("gatewayId", s(r.gatewayId())).put("natGatewayId", s(r.natGatewayId()))
                .put("vpcPeeringConnectionId", s(r.vpcPeeringConnectionId())).build();
    }

    private static Props computed(Route r) {
        return Props.builder().put("state", r.stateAsString()).put("origin", r.originAsString()).build();
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        AwsCall.run(in("ReplaceRoute"), () -> ec2().replaceRoute(r -> r.routeTableId(str(in, "routeTableId"))
                .destinationCidrBlock(str(in, "destinationCidrBlock")).gatewayId(str(in, "gatewayId"))
                .natGatewayId(str(in, "natGatewayId")).vpcPeeringConnectionId(str(in, "vpcPeeringConnectionId"))));
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        String table = str(outputs, "routeTableId");
        String dest = str(outputs, "destinationCidrBlock");
        if (table == null || dest == null) return;
        AwsCall.delete(in("DeleteRoute"), () -> ec2().deleteRoute(r -> r.routeTableId(table).destinationCidrBlock(dest)));
    }

    /** A route carries no mark: the one already there for the table and destination is ours when it goes where the inputs say. */
    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        Props in = clean(inputs);
        String table = str(in, "routeTableId");
        String dest = str(in, "destinationCidrBlock");
        if (table == null || dest == null) return Optional.empty();
        Optional<View> v = view(id(table, dest), in, null);
        if (v.isEmpty()) return Optional.empty();
        for (String target : new String[] {"gatewayId", "natGatewayId", "vpcPeeringConnectionId"}) {
            if (!java.util.Objects.equals(str(in, target), str(v.get().seen(), target))) return Optional.empty();
        }
        return Optional.of(id(table, dest));
    }

    /** Every route added to a table (not the local one): the hand-made ones are among them. */
    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        List<Listed> out = new ArrayList<>();
        for (RouteTable t : AwsCall.run(in("DescribeRouteTables"), () -> ec2().describeRouteTablesPaginator(r -> { }).routeTables().stream().toList())) {
            for (Route r : t.routes()) {
                if (r.destinationCidrBlock() == null || !"CreateRoute".equals(r.originAsString())) continue;
                out.add(new Listed(id(t.routeTableId(), r.destinationCidrBlock()), clean(seen(t.routeTableId(), r)), null));
            }
        }
        return out;
    }
}
