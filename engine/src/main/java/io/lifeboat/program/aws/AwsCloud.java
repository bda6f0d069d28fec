package io.lifeboat.program.aws;

import io.lifeboat.program.AwsProgram;
import io.lifeboat.program.Cloud;
import io.lifeboat.program.DrTraits;
import io.lifeboat.program.KnownKeys;
import io.lifeboat.program.ProgramOptions;
import io.lifeboat.program.ProgramResult;
import io.lifeboat.program.SecretReader;
import io.lifeboat.spec.Stack;

/** The platform on AWS: EKS, RDS, ECR, Secrets Manager, SNS. */
public final class AwsCloud implements Cloud {
    private static final DrTraits DR = new AwsDrTraits();

    @Override
    public String id() {
        return "aws";
    }

    @Override
    public ProgramResult run(Stack stack, Stack pair, ProgramOptions options, SecretReader secrets, KnownKeys keys) {
        return new AwsProgram(stack, pair, options, secrets, keys).run();
    }

    @Override
    public DrTraits dr() {
        return DR;
    }
}
