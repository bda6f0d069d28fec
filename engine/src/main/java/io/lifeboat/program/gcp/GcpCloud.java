package io.lifeboat.program.gcp;

import java.util.Collection;

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

/** The platform on GCP: GKE, Cloud SQL, Artifact Registry, Secret Manager, Cloud Monitoring. */
public final class GcpCloud implements Cloud {
    private static final DrTraits DR = new GcpDrTraits();

    @Override
    public String id() {
        return "gcp";
    }

    @Override
    public ProgramResult run(Stack stack, Stack pair, ProgramOptions options, SecretReader secrets, KnownKeys keys) {
        return new PlatformProgram(stack, pair, options, secrets, keys, GcpMapping::new).run();
    }

    @Override
    public DrTraits dr() {
        return DR;
    }

    @Override
    public KnownKeys knownKeys(Snapshot own, java.util.function.Supplier<KnownKeys.Pair> pair) {
        return KnownKeys.of(own, pair, java.util.Map.of(GcpSchemas.SECRET_VERSION, "secretData"));
    }

    @Override
    public Collection<TypeSchema> schemas() {
        return GcpSchemas.all().values();
    }
}
