package io.lifeboat.program.aws;

import java.util.Collection;

import io.lifeboat.program.aws.AwsMapping;
import io.lifeboat.program.Cloud;
import io.lifeboat.program.DrTraits;
import io.lifeboat.program.KnownKeys;
import io.lifeboat.program.PlatformProgram;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.SecretReader;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;

/** The platform on AWS: EKS, RDS, ECR, Secrets Manager, SNS. */
public final class AwsCloud implements Cloud {
    private static final DrTraits DR = new AwsDrTraits();

    @Override
    public String id() {
        return "aws";
    }

    @Override
    public ProgramResult run(Stack stack, Stack pair, ProgramOptions options, SecretReader secrets, KnownKeys keys) {
        return new PlatformProgram(stack, pair, options, secrets, keys, AwsMapping::new).run();
    }

    @Override
    public DrTraits dr() {
        return DR;
    }

    @Override
    public KnownKeys knownKeys(Snapshot own, java.util.function.Supplier<KnownKeys.Pair> pair) {
        // the API keys' material, and the master password of a hot pair's database (RDS replicates no database whose password it manages)
        return KnownKeys.of(own, pair, java.util.Map.of(AwsSchemas.SECRET_VERSION, "secretString", AwsSchemas.DB_INSTANCE, "password"));
    }

    @Override
    public Collection<TypeSchema> schemas() {
        return AwsSchemas.all().values();
    }
}
