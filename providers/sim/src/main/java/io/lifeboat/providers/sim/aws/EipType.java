package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.EIP;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code aws:ec2/eip:Eip}: an elastic address, under the region's address quota. */
final class EipType extends AwsSimType {
    EipType() {
        super(EIP);
    }

    @Override
    public String notFoundCode() {
        return "InvalidAllocationID.NotFound";
    }

    @Override
    public String quotaKey() {
        return "eip";
    }

    @Override
    public ProviderException quotaExceeded(int limit) {
        return SimErrors.quota("AddressLimitExceeded", "The maximum number of addresses has been reached (" + limit + " per region).");
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String domain = str(in, "domain");
        if (domain != null && !domain.matches("vpc|standard")) throw bad("Value (" + domain + ") for parameter domain is invalid (vpc, standard)");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.ids().ec2("eipalloc");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        String ip = scope.ids().publicIp();
        return Props.builder()
                .put("allocationId", id)
                .put("publicIp", ip)
                .put("publicDns", "ec2-" + ip.replace('.', '-') + "." + scope.region() + ".compute.amazonaws.com")
                .put("arn", scope.arn("ec2", "elastic-ip/" + id))
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("domain", "vpc").build();
    }
}
