package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.InternetGateway;

/** {@code aws:ec2/internetGateway:InternetGateway}: made, then attached to its VPC; detached before it is deleted. */
final class InternetGatewayType extends Ec2Type {
    InternetGatewayType(AwsClients aws) {
        super(AwsSchemas.INTERNET_GATEWAY, aws, software.amazon.awssdk.services.ec2.model.ResourceType.INTERNET_GATEWAY);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String id = AwsCall.run(in("CreateInternetGateway"), () -> ec2().createInternetGateway(r -> r.tagSpecifications(tagSpec(in, urn)))
                .internetGateway().internetGatewayId());
        if (str(in, "vpcId") != null) attach(id, str(in, "vpcId"), ctx);
        return created(id, in, ctx);
    }

    private void attach(String id, String vpcId, OperationContext ctx) throws ProviderException {
        poll.consistent(ctx, "attaching " + id + " to " + vpcId, () -> AwsCall.run(in("AttachInternetGateway"),
                () -> ec2().attachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId))));
    }

    private void detach(String id, String vpcId, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "detaching " + id + " from " + vpcId, "DetachInternetGateway", () -> ec2().detachInternetGateway(r -> r.internetGatewayId(id).vpcId(vpcId)));
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<InternetGateway> found = AwsCall.find(in("DescribeInternetGateways"),
                () -> ec2().describeInternetGateways(r -> r.internetGatewayIds(id)).internetGateways().stream().findFirst().orElse(null));
        if (found.isEmpty()) return Optional.empty();
        InternetGateway g = found.get();
        String vpc = g.attachments().isEmpty() ? null : g.attachments().get(0).vpcId();
        Props seen = Props.builder().put("vpcId", s(vpc)).put("tags", tagsValue(tagMap(g.tags()))).build();
        return Optional.of(new View(seen, Props.builder().put("arn", arn(g.ownerId(), "internet-gateway/" + id)).put("ownerId", g.ownerId()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String was = str(oldOutputs, "vpcId");
        String now = str(in, "vpcId");
        if (was != null && !was.equals(now)) detach(id, was, ctx);
        if (now != null && !now.equals(was)) attach(id, now, ctx);
        updateTags(id, oldOutputs, in);
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<View> v = view(id, Props.EMPTY, ctx);
        if (v.isEmpty()) return;
        String vpc = str(v.get().seen(), "vpcId");
        if (vpc != null) detach(id, vpc, ctx);
        deleteInUse(ctx, "deleting " + id, "DeleteInternetGateway", () -> ec2().deleteInternetGateway(r -> r.internetGatewayId(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeInternetGateways"), () -> ec2().describeInternetGateways(r -> r.filters(markFilter(urn)))
                .internetGateways().stream().map(InternetGateway::internetGatewayId).findFirst());
    }
}
