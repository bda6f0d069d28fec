package io.lifeboat.deploy;

import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * An object made outside Lifeboat inside something a stack manages: a route added by hand to one
 * of its route tables, a rule added by hand to one of its security groups.
 *
 * @param owner    the stack's resource it was added to
 * @param provider the provider resource of the region it lives in
 */
public record HandMade(String type, String id, Props inputs, Urn owner, Urn provider) {

    /** One line for a person: what it is and where. */
    public String describe() {
        String what = inputs.string("destinationCidrBlock") != null
                ? "route to " + inputs.string("destinationCidrBlock") + " via " + via()
                : inputs.string("type") + " rule " + inputs.string("protocol") + " " + port() + " from " + from();
        return what + " (" + id + ") in " + owner.name();
    }

    private String via() {
        for (String k : new String[] {"gatewayId", "natGatewayId", "vpcPeeringConnectionId"}) {
            if (inputs.string(k) != null) return inputs.string(k);
        }
        return "?";
    }

    private String port() {
        var from = inputs.get("fromPort");
        var to = inputs.get("toPort");
        return from == null ? "" : from.equals(to) ? from.toString() : from + "-" + to;
    }

    private String from() {
        var cidrs = inputs.get("cidrBlocks");
        return cidrs != null ? io.lifeboat.plan.ValueFormat.show(cidrs) : inputs.string("sourceSecurityGroupId");
    }
}
