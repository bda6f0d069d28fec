package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.VPC;
import static io.lifeboat.program.aws.AwsSchemas.VPC_PEERING;

import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;
import io.lifeboat.spec.Cidr;

/**
 * {@code aws:ec2/vpcPeeringConnection:VpcPeeringConnection}: a request from one of our VPCs to a
 * peer VPC, ours or another account's, in this region or another. It waits in
 * {@code pending-acceptance} until the peer accepts (see {@code SimAdmin.acceptPeering}), unless
 * it is auto-accepted, which only works within one account and region.
 */
final class VpcPeeringType extends AwsSimType {
    VpcPeeringType() {
        super(VPC_PEERING);
    }

    @Override
    public String notFoundCode() {
        return "InvalidVpcPeeringConnectionID.NotFound";
    }

    @Override
    public List<Reference> references() {
        return List.of(Reference.to("vpcId", VPC, "InvalidVpcID.NotFound"));
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String peerVpc = str(in, "peerVpcId");
        if (!peerVpc.matches("vpc-[0-9a-f]{8}([0-9a-f]{9})?")) throw SimErrors.invalid("InvalidVpcID.Malformed", "Invalid id: \"" + peerVpc + "\"");
        String owner = peerOwner(in, scope);
        if (!owner.matches("\\d{12}")) throw bad("Value (" + owner + ") for parameter peerOwnerId is invalid");
        String peerRegion = peerRegion(in, scope);
        if (!SimCloud.validRegionName(peerRegion)) throw bad("Value (" + peerRegion + ") for parameter peerRegion is invalid");
        boolean sameRegion = peerRegion.equals(scope.region());
        if (bool(in, "autoAccept", false) && (!sameRegion || !owner.equals(scope.account()))) {
            throw SimErrors.invalid("InvalidParameterCombination", "autoAccept only works for a peer VPC of the same account and region; "
                    + "the peer must accept this request itself");
        }
        if (peerVpc.equals(str(in, "vpcId"))) throw bad("a VPC cannot peer with itself");
        if (!owner.equals(scope.account())) return; // another account's network: the cloud learns of it on acceptance
        SimObject peer = scope.find(peerRegion, VPC, peerVpc);
        if (peer == null) throw SimErrors.invalid("InvalidVpcID.NotFound", "The vpc ID '" + peerVpc + "' does not exist in " + peerRegion);
        Cidr ours = Cidr.parse(scope.find(VPC, str(in, "vpcId")).inputs().string("cidrBlock"));
        Cidr theirs = Cidr.parse(peer.inputs().string("cidrBlock"));
        if (ours != null && theirs != null && ours.overlaps(theirs)) {
            throw bad("the VPCs " + str(in, "vpcId") + " (" + ours + ") and " + peerVpc + " (" + theirs + ") have overlapping CIDR blocks");
        }
    }

    private static String peerOwner(Props in, SimScope scope) {
        String owner = str(in, "peerOwnerId");
        return owner == null ? scope.account() : owner;
    }

    private static String peerRegion(Props in, SimScope scope) {
        String r = str(in, "peerRegion");
        return r == null ? scope.region() : r;
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("pcx");
    }

    @Override
    public String settledStatus(Props in, SimScope scope) {
        return bool(in, "autoAccept", false) ? SimObject.AVAILABLE : SimObject.PENDING_ACCEPTANCE;
    }

    @Override
    public Props live(SimObject o, SimScope scope) {
        String accept;
        switch (o.status()) {
            case SimObject.AVAILABLE:
                accept = "active";
                break;
            case SimObject.CREATING:
                accept = "initiating-request";
                break;
            case SimObject.DELETING:
                accept = "deleting";
                break;
            default:
                accept = "pending-acceptance";
        }
        return o.computed().with("acceptStatus", s(accept));
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("peerOwnerId", scope.account()).put("peerRegion", scope.region()).put("autoAccept", false).build();
    }
}
