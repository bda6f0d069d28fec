package io.lifeboat.providers.sim;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.TypeTable;

/** The simulated cloud as the aws package's provider for one region: every type of {@link AwsSchemas}. */
public final class SimProvider extends TypeTable {
    private final String region;

    SimProvider(SimRuntime rt) {
        this.region = rt.region();
        for (String token : AwsSchemas.all().keySet()) {
            SimType t = rt.types().get(token);
            if (t == null) continue;
            SimResourceType served = new SimResourceType(t, rt);
            serve(token, token.equals(AwsSchemas.ECR_REPOSITORY) ? new SimImageRepositoryType(served, rt) : served);
        }
    }

    public String region() {
        return region;
    }
}
