package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

/**
 * {@code aws:ec2/natGateway:NatGateway}: made with a client token derived from the URN (a retried
 * create makes no second gateway), waited for until available; waited for until deleted.
 */
final class NatGatewayType extends Ec2Type {
    NatGatewayType(AwsClients aws) {
        super(AwsSchemas.NAT_GATEWAY, aws, software.amazon.awssdk.services.ec2.model.ResourceType.NATGATEWAY);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String token = clientToken(urn, str(in, "subnetId"));
        String id = poll.consistent(ctx, "creating a NAT gateway", () -> AwsCall.run(in("CreateNatGateway"),
                () -> ec2().createNatGateway(r -> r.subnetId(str(in, "subnetId")).allocationId(str(in, "allocationId"))
                        .connectivityType(str(in, "connectivityType")).clientToken(token).tagSpecifications(tagSpec(in, urn)))
                        .natGateway().natGatewayId()));
        awaitState(id, "available", ctx);
        return created(id, in, ctx);
    }

    private void awaitState(String id, String wanted, OperationContext ctx) throws ProviderException {
        poll.until(ctx, "waiting for NAT gateway " + id + " to be " + wanted, () -> {
            Optional<NatGateway> g = describe(id);
            String state = g.map(NatGateway::stateAsString).orElse("deleted");
            if (state.equals(wanted)) return Optional.of(state);
            if (state.equals("failed")) {
                throw new ProviderException(ProviderException.Kind.INVALID_INPUT, g.get().failureCode(),
                        "NAT gateway " + id + " failed: " + g.get().failureMessage());
            }
            if (state.equals("deleted") && !wanted.equals("deleted")) throw notFound("NatGatewayNotFound", "NAT gateway " + id + " is gone");
            return Optional.empty();
        });
    }

    private Optional<NatGateway> describe(String id) throws ProviderException {
        return AwsCall.find(in("DescribeNatGateways"),
                () -> ec2().describeNatGateways(r -> r.natGatewayIds(id)).natGateways().stream().findFirst().orElse(null));
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<NatGateway> found = describe(id);
        if (found.isEmpty() || found.get().stateAsString().matches("deleted|deleting")) return Optional.empty();
        NatGateway g = found.get();
        NatGatewayAddress a = g.natGatewayAddresses().isEmpty() ? NatGatewayAddress.builder().build() : g.natGatewayAddresses().get(0);
        Props seen = Props.builder().put("subnetId", g.subnetId()).put("allocationId", a.allocationId())
                .put("connectivityType", g.connectivityTypeAsString()).put("tags", tagsValue(tagMap(g.tags()))).build();
        return Optional.of(new View(seen, Props.builder().put("publicIp", a.publicIp()).put("privateIp", a.privateIp())
                .put("networkInterfaceId", a.networkInterfaceId()).build()));
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        AwsCall.delete(in("DeleteNatGateway"), () -> ec2().deleteNatGateway(r -> r.natGatewayId(id)));
        awaitState(id, "deleted", ctx);
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeNatGateways"), () -> ec2().describeNatGateways(r -> r.filter(markFilter(urn))).natGateways().stream()
                .filter(g -> !g.stateAsString().matches("deleted|deleting|failed")).map(NatGateway::natGatewayId).findFirst());
    }
}
