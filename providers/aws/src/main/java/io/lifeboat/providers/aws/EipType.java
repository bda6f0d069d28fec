package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ec2.model.Address;

/** {@code aws:ec2/eip:Eip}: an Elastic IP, its id the allocation id. */
final class EipType extends Ec2Type {
    EipType(AwsClients aws) {
        super(AwsSchemas.EIP, aws, software.amazon.awssdk.services.ec2.model.ResourceType.ELASTIC_IP);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String domain = str(in, "domain") == null ? "vpc" : str(in, "domain");
        String id = AwsCall.run(in("AllocateAddress"), () -> ec2().allocateAddress(r -> r.domain(domain).tagSpecifications(tagSpec(in, urn)))
                .allocationId());
        return created(id, in, ctx);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Address> found = AwsCall.find(in("DescribeAddresses"),
                () -> ec2().describeAddresses(r -> r.allocationIds(id)).addresses().stream().findFirst().orElse(null));
        if (found.isEmpty()) return Optional.empty();
        Address a = found.get();
        Props seen = Props.builder().put("domain", a.domainAsString()).put("tags", tagsValue(tagMap(a.tags()))).build();
        return Optional.of(new View(seen, Props.builder().put("allocationId", id).put("publicIp", a.publicIp())
                .put("arn", "arn:aws:ec2:" + aws.region() + "::elastic-ip/" + id).build()));
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        deleteInUse(ctx, "releasing " + id, "ReleaseAddress", () -> ec2().releaseAddress(r -> r.allocationId(id)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        return AwsCall.run(in("DescribeAddresses"), () -> ec2().describeAddresses(r -> r.filters(markFilter(urn))).addresses().stream()
                .map(Address::allocationId).findFirst());
    }
}
