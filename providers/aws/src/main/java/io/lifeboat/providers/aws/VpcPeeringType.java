package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnection;

/**
 * {@code aws:ec2/vpcPeeringConnection:VpcPeeringConnection}: requested from our VPC; when the peer
 * is in our own account, accepted through the peer region's endpoint with the same credentials.
 * Otherwise, or when that acceptance is refused (no permission there, region unreachable), it
 * stays {@code pending-acceptance} and the peer must accept it, which the failover report tells a
 * person.
 */
final class VpcPeeringType extends Ec2Type {
    private static final String GONE = "deleted|deleting|rejected|failed|expired";

    VpcPeeringType(AwsClients aws) {
        super(AwsSchemas.VPC_PEERING, aws, software.amazon.awssdk.services.ec2.model.ResourceType.VPC_PEERING_CONNECTION);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String peerRegion = str(in, "peerRegion");
        VpcPeeringConnection pcx = poll.consistent(ctx, "requesting peering with " + str(in, "peerVpcId"), () -> AwsCall.run(
                in("CreateVpcPeeringConnection"), () -> ec2().createVpcPeeringConnection(r -> r.vpcId(str(in, "vpcId"))
                        .peerVpcId(str(in, "peerVpcId")).peerOwnerId(str(in, "peerOwnerId"))
                        .peerRegion(peerRegion == null || peerRegion.equals(aws.region()) ? null : peerRegion)
                        .tagSpecifications(tagSpec(in, urn))).vpcPeeringConnection()));
        String id = pcx.vpcPeeringConnectionId();
        String owner = pcx.requesterVpcInfo() == null ? null : pcx.requesterVpcInfo().ownerId();
        String peerOwner = str(in, "peerOwnerId");
        // our own account's peer: accept it where it lives, if these credentials may act there
        if (peerOwner == null || peerOwner.equals(owner)) accept(id, peerRegion, ctx);
        return created(id, in, ctx);
    }

    /** Accepts in the peer's region; a refusal leaves the request pending, as it is for another account's VPC. */
    private void accept(String id, String peerRegion, OperationContext ctx) throws ProviderException {
        AwsClients peer = peerRegion == null ? aws : aws.inRegion(peerRegion);
        try {
            poll.consistent(ctx, "accepting " + id, () -> AwsCall.run("AcceptVpcPeeringConnection in " + peer.region(),
                    () -> peer.ec2().acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id))));
        } catch (ProviderException e) {
            if (e.retryable() || e.kind() == ProviderException.Kind.PERMISSION) {
                if (ctx != null) ctx.progress().accept(id + " waits for the peer to accept it: " + e.getMessage());
                return;
            }
            throw e;
        }
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<VpcPeeringConnection> found = AwsCall.find(in("DescribeVpcPeeringConnections"),
                () -> ec2().describeVpcPeeringConnections(r -> r.vpcPeeringConnectionIds(id)).vpcPeeringConnections().stream()
                        .findFirst().orElse(null));
        if (found.isEmpty()) return Optional.empty();
        VpcPeeringConnection p = found.get();
        String status = p.status() == null ? "pending-acceptance" : p.status().codeAsString();
        if (status.matches(GONE)) return Optional.empty();
        Props.Builder seen = Props.builder().put("tags", tagsValue(tagMap(p.tags())));
        if (p.requesterVpcInfo() != null) seen.put("vpcId", p.requesterVpcInfo().vpcId());
        if (p.accepterVpcInfo() != null) {
            seen.put("peerVpcId", p.accepterVpcInfo().vpcId()).put("peerOwnerId", p.accepterVpcInfo().ownerId())
                    .put("peerRegion", p.accepterVpcInfo().region());
        }
        return Optional.of(new View(seen.build(), Props.builder().put("acceptStatus", status).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        if (bool(in, "autoAccept", false) && !bool(oldOutputs, "autoAccept", false)) accept(id, str(in, "peerRegion"), ctx);
        updateTags(id, oldOutputs, in);
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        AwsCall.delete(in("DeleteVpcPeeringConnection"), () -> ec2().deleteVpcPeeringConnection(r -> r.vpcPeeringConnectionId(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeVpcPeeringConnections"), () -> ec2().describeVpcPeeringConnections(r -> r.filters(markFilter(urn)))
                .vpcPeeringConnections().stream().filter(p -> p.status() == null || !p.status().codeAsString().matches(GONE))
                .map(VpcPeeringConnection::vpcPeeringConnectionId).findFirst());
    }
}
