package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.ECR_REPLICATION;
import static io.lifeboat.program.aws.AwsSchemas.ECR_REPOSITORY;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * The images an ECR repository (or an Artifact Registry repository) of the sim holds: kept in the repository's object (a tag as
 * {@code image:<tag>}, an image pushed by digest alone as {@code digest:<digest>}, each holding
 * the digest), so they are persisted with it, answer no call while its region is out and go when
 * it is deleted. A push is replicated as ECR replicates: by the rules of the repository's region
 * that exist at the time of the push (an image pushed before a rule is never copied by it), into
 * the repository of the same name in each destination region that is up. Unlike ECR, replication
 * makes no repository: where there is none yet, the image does not land.
 */
public final class EcrImages {
    private static final String TAG = "image:";
    private static final String DIGEST = "digest:";

    private EcrImages() {
    }

    /** Whether a reference is a digest ({@code sha256:} and 64 hex digits) rather than a tag. */
    public static boolean isDigest(String reference) {
        return reference.matches("sha256:[0-9a-f]{64}");
    }

    /** The digest an image pushed as {@code repository:tag} gets in the sim: the same for every push of it. */
    public static String digestFor(String repository, String tag) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((repository + ":" + tag).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** The tags and digests of the images the repository holds. */
    public static Set<String> of(SimObject repo) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, String> e : repo.hidden().entrySet()) {
            if (e.getKey().startsWith(TAG)) out.add(e.getKey().substring(TAG.length()));
            if (e.getKey().startsWith(TAG) || e.getKey().startsWith(DIGEST)) out.add(e.getValue());
        }
        return out;
    }

    /** The digest of the image a tag or digest names in the repository; null when it holds none. */
    public static String digestOf(SimObject repo, String reference) {
        if (!isDigest(reference)) return repo.hidden().get(TAG + reference);
        return of(repo).contains(reference) ? reference : null;
    }

    /**
     * The repository holding the image under {@code reference} (a tag, or its digest alone); an
     * immutable repository refuses to move a tag to another digest, as ECR does.
     */
    public static SimObject with(SimObject repo, String reference, String digest) throws ProviderException {
        if (isDigest(reference)) return repo.withHidden(DIGEST + digest, digest);
        String had = repo.hidden().get(TAG + reference);
        boolean immutable = "IMMUTABLE".equals(repo.inputs().string("imageTagMutability"))
                || (repo.inputs().get("dockerConfig") instanceof PropertyValue.Obj dc && dc.props().get("immutableTags") instanceof PropertyValue.Bool b && b.value());
        if (had != null && !had.equals(digest) && immutable) {
            throw SimErrors.conflict("ImageTagAlreadyExistsException", "The image tag '" + reference + "' already exists in the '"
                    + repo.id() + "' repository and cannot be overwritten because the repository is immutable.");
        }
        return repo.withHidden(TAG + reference, digest);
    }

    /** Copies a push into the destinations of the rules of the repository's region that match it. */
    public static void replicate(SimCloud cloud, SimObject repo, String reference, String digest) {
        for (SimObject config : cloud.objects(repo.region(), ECR_REPLICATION)) {
            Props rc = config.inputs().get("replicationConfiguration") instanceof PropertyValue.Obj o ? o.props() : Props.EMPTY;
            for (Props rule : objects(rc, "rules")) {
                if (!matches(rule, repo.id())) continue;
                for (Props d : objects(rule, "destinations")) {
                    String region = d.string("region");
                    if (region == null || region.equals(repo.region()) || cloud.state(region).out()) continue;
                    SimObject target = cloud.object(region, ECR_REPOSITORY, repo.id());
                    if (target == null || digest.equals(digestOf(target, reference))) continue;
                    try {
                        cloud.put(with(target, reference, digest));
                    } catch (ProviderException e) {
                        // an immutable tag there that holds another image: ECR reports the replication as failed
                    }
                }
            }
        }
    }

    /** A rule without repository filters replicates everything; with them, the repositories named by a prefix. */
    private static boolean matches(Props rule, String repository) {
        List<Props> filters = objects(rule, "repositoryFilters");
        if (filters.isEmpty()) return true;
        for (Props f : filters) {
            String prefix = f.string("filter");
            if (prefix != null && repository.startsWith(prefix)) return true;
        }
        return false;
    }

    private static List<Props> objects(Props p, String key) {
        List<Props> out = new java.util.ArrayList<>();
        if (p.get(key) instanceof PropertyValue.Arr a) {
            for (PropertyValue v : a.items()) {
                if (v instanceof PropertyValue.Obj o) out.add(o.props());
            }
        }
        return out;
    }
}
