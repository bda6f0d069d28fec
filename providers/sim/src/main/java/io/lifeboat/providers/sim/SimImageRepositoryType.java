package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.ECR_REPOSITORY;
import static io.lifeboat.providers.sim.SimResourceType.guarded;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lifeboat.provider.HoldsImages;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.sim.aws.EcrImages;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code aws:ecr/repository:Repository} of the sim with its images ({@link EcrImages}): the
 * lifecycle is {@link SimResourceType}'s; a copy reads the source repository in its own region
 * (which must answer) and writes the image into this one as a push does, replication included.
 */
final class SimImageRepositoryType implements ResourceType, HoldsImages {
    /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}, as the repository's {@code repositoryUrl}. */
    private static final Pattern URL = Pattern.compile("\\d{12}\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/(.+)");

    private final SimResourceType lifecycle;
    private final SimRuntime rt;

    SimImageRepositoryType(SimResourceType lifecycle, SimRuntime rt) {
        this.lifecycle = lifecycle;
        this.rt = rt;
    }

    @Override
    public TypeSchema schema() {
        return lifecycle.schema();
    }

    @Override
    public List<String> check(Props inputs) {
        return lifecycle.check(inputs);
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        return lifecycle.create(urn, inputs, ctx);
    }

    @Override
    public Optional<Observed> read(String id, Props inputs, Props outputs, OperationContext ctx) throws ProviderException {
        return lifecycle.read(id, inputs, outputs, ctx);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        return lifecycle.update(id, oldOutputs, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        lifecycle.delete(id, outputs, ctx);
    }

    @Override
    public Optional<Created> findByUrn(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        return lifecycle.findByUrn(urn, inputs, ctx);
    }

    @Override
    public List<Listed> list(OperationContext ctx) throws ProviderException {
        return lifecycle.list(ctx);
    }

    @Override
    public Set<String> images(String id, Props outputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter("ecr", rt.region(), ctx);
        return EcrImages.of(repository(rt.region(), id));
    }

    @Override
    public Login login(String id, Props outputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter("ecr", rt.region(), ctx);
        SimObject repo = repository(rt.region(), id);
        return new Login(repo.computed().string("repositoryUrl"), "AWS", new PropertyValue.Secret(PropertyValue.of("sim-ecr-token-" + rt.region())));
    }

    @Override
    public void copyInto(String id, Props outputs, Login source, String reference, OperationContext ctx) throws ProviderException {
        rt.gate().enter("ecr", rt.region(), ctx);
        Matcher m = URL.matcher(source.repositoryUrl());
        if (!m.matches()) throw SimErrors.invalid("InvalidParameterException", "not a repository of the sim's ECR: " + source.repositoryUrl());
        String fromRegion = m.group(1);
        rt.gate().failIfOut(fromRegion, "ecr", ctx);
        SimObject from = repository(fromRegion, m.group(2));
        String digest = EcrImages.digestOf(from, reference);
        if (digest == null) {
            throw SimErrors.notFound("ImageNotFoundException", "The image with imageId {" + reference + "} does not exist within the repository with name '"
                    + from.id() + "' in " + fromRegion);
        }
        RegionStore store = rt.cloud().store(rt.region());
        SimObject pushed = guarded(() -> store.locked(() -> {
            SimObject into = EcrImages.with(repository(rt.region(), id), reference, digest);
            store.put(into);
            return into;
        }));
        guarded(() -> {
            EcrImages.replicate(rt.cloud(), pushed, reference, digest);
            return null;
        });
    }

    @Override
    public String pushHint(String id, Props outputs, String reference) {
        return "`lifeboat sim push " + rt.region() + " " + id + (EcrImages.isDigest(reference) ? "@" : ":") + reference + "`";
    }

    private SimObject repository(String region, String name) throws ProviderException {
        SimObject o = guarded(() -> rt.cloud().object(region, ECR_REPOSITORY, name));
        if (o == null || o.is(SimObject.DELETING)) {
            throw SimErrors.notFound("RepositoryNotFoundException", "The repository with name '" + name + "' does not exist in the registry in " + region);
        }
        return o;
    }
}
