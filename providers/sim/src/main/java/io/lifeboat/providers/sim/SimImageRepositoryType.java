package io.lifeboat.providers.sim;

import static io.lifeboat.program.aws.AwsSchemas.ECR_REPOSITORY;
import static io.lifeboat.providers.sim.SimResourceType.guarded;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lifeboat.provider.HoldsImages;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.aws.EcrImages;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code aws:ecr/repository:Repository} or {@code gcp:artifactregistry/repository:Repository} of
 * the sim with its images ({@link EcrImages}): the
 * lifecycle is {@link SimResourceType}'s; a copy reads the source repository in its own region
 * (which must answer) and writes the image into this one as a push does, replication included.
 */
final class SimImageRepositoryType extends SimLifecycleType implements HoldsImages {
    /** {@code <account>.dkr.ecr.<region>.amazonaws.com/<name>}, as the repository's {@code repositoryUrl}. */
    private static final Pattern URL = Pattern.compile("\\d{12}\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/(.+)");
    /** {@code <region>-docker.pkg.dev/<project>/<repository>}, as an Artifact Registry repository's {@code registryUri}. */
    private static final Pattern GCP_URL = Pattern.compile("([a-z0-9-]+)-docker\\.pkg\\.dev/([a-z][-a-z0-9]*)/([a-z0-9-]+)");


    SimImageRepositoryType(SimResourceType lifecycle, SimRuntime rt) {
        super(lifecycle, rt);
    }

    @Override
    public Set<String> images(String id, Props outputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter(service(), rt.region(), ctx);
        return EcrImages.of(repository(rt.region(), id));
    }

    @Override
    public Login login(String id, Props outputs, OperationContext ctx) throws ProviderException {
        rt.gate().enter(service(), rt.region(), ctx);
        SimObject repo = repository(rt.region(), id);
        if (gcp()) {
            return new Login(repo.computed().string("registryUri"), "oauth2accesstoken",
                    new PropertyValue.Secret(PropertyValue.of("sim-gcp-token-" + rt.region())));
        }
        return new Login(repo.computed().string("repositoryUrl"), "AWS", new PropertyValue.Secret(PropertyValue.of("sim-ecr-token-" + rt.region())));
    }

    @Override
    public void copyInto(String id, Props outputs, Login source, String reference, OperationContext ctx) throws ProviderException {
        rt.gate().enter(service(), rt.region(), ctx);
        String fromRegion;
        String fromId;
        Matcher m = (gcp() ? GCP_URL : URL).matcher(source.repositoryUrl());
        if (!m.matches()) {
            throw SimErrors.invalid(gcp() ? "invalidArgument" : "InvalidParameterException", "not a repository of the sim's "
                    + (gcp() ? "Artifact Registry" : "ECR") + ": " + source.repositoryUrl());
        }
        fromRegion = m.group(1);
        fromId = gcp() ? "projects/" + m.group(2) + "/locations/" + fromRegion + "/repositories/" + m.group(3) : m.group(2);
        rt.gate().failIfOut(fromRegion, service(), ctx);
        SimObject from = repository(fromRegion, fromId);
        String digest = EcrImages.digestOf(from, reference);
        if (digest == null) {
            if (gcp()) throw SimErrors.notFound("notFound", "Requested entity was not found: image " + reference + " in " + from.id());
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
        // Artifact Registry's id is the repository's path; the sim finds it by its repositoryId too
        String name = gcp() && outputs.string("repositoryId") != null ? outputs.string("repositoryId") : id;
        return "`lifeboat sim push " + rt.region() + " " + name + (EcrImages.isDigest(reference) ? "@" : ":") + reference + "`";
    }

    private boolean gcp() {
        return !schema().token().equals(ECR_REPOSITORY);
    }

    private String service() {
        return lifecycle.rules().service();
    }

    private SimObject repository(String region, String name) throws ProviderException {
        SimObject o = guarded(() -> rt.cloud().object(region, schema().token(), name));
        if (gcp() && (o == null || o.is(SimObject.DELETING))) {
            throw SimErrors.notFound("notFound", "Requested entity was not found: repository " + name + " in " + region);
        }
        if (o == null || o.is(SimObject.DELETING)) {
            throw SimErrors.notFound("RepositoryNotFoundException", "The repository with name '" + name + "' does not exist in the registry in " + region);
        }
        return o;
    }
}
