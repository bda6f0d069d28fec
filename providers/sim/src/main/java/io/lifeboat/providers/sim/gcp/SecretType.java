package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.SECRET;
import static io.lifeboat.program.gcp.GcpSchemas.SECRET_VERSION;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:secretmanager/secret:Secret}: a secret of the project, its id and name
 * {@code projects/p/secrets/x}, replicated automatically or to user-managed locations. A secret is
 * global in GCP with its data in its replicas' locations: the sim keeps it in the store of the
 * region it was made through (its home) and a copy of it, and of its versions, in the store of
 * every other replica location ({@link #COPY_OF}), so that a provider of any of them reads it, the
 * same secret with the same id, while the home region is out. There is no promotion: a create of
 * its id through any region is refused as a duplicate. The copies are changed only through the
 * home region (the sim's simplification of a global control plane). An {@code auto} secret lives
 * in its home region only.
 */
final class SecretType extends GcpSimType {
    /** Hidden on a copy: the home region of the secret (or of the version) it is a copy of. */
    static final String COPY_OF = SimObject.COPY_OF;

    SecretType() {
        super(SECRET);
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        String id = str(in, "secretId");
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,255}")) {
            throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "Invalid secret id \"" + id + "\": 1-255 letters, digits, _ and -");
        }
        Props replication = obj(in, "replication");
        boolean auto = replication.containsKey("auto");
        boolean user = replication.containsKey("userManaged");
        if (auto == user) {
            throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "replication must have exactly one of auto and userManaged");
        }
        if (user) {
            List<Props> replicas = objects(obj(replication, "userManaged"), "replicas");
            if (replicas.isEmpty()) throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "userManaged replication needs at least one replica");
            Set<String> seen = new LinkedHashSet<>();
            for (Props r : replicas) {
                String location = r.string("location");
                if (location == null || !SimCloud.validRegionName(location) || SimCloud.GLOBAL.equals(location)) {
                    throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "Invalid replica location \"" + location + "\"");
                }
                if (!seen.add(location)) throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "Replica location \"" + location + "\" is given twice");
            }
        }
    }

    @Override
    public void beforeUpdate(SimObject o, SimScope scope) throws ProviderException {
        refuseCopy(o, "updated");
    }

    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        refuseCopy(o, "deleted");
        for (SimObject version : scope.all(SECRET_VERSION)) {
            if (version.id().startsWith(o.id() + "/versions/")) scope.remove(version);
        }
    }

    static void refuseCopy(SimObject o, String what) throws ProviderException {
        String home = o.hidden().get(COPY_OF);
        if (home != null) {
            throw failedPrecondition(o.id() + " is changed through its home region " + home + " in the sim; it cannot be " + what + " through a replica location");
        }
    }

    /** The replica locations of a user-managed secret; empty for an automatic one. */
    static List<String> locations(Props in) {
        List<String> out = new ArrayList<>();
        for (Props r : objects(obj(obj(in, "replication"), "userManaged"), "replicas")) {
            if (r.string("location") != null && !out.contains(r.string("location"))) out.add(r.string("location"));
        }
        return out;
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return GcpRefs.secretId(project(scope), str(in, "secretId"));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("name", id).put("createTime", scope.now().toString()).build();
    }

    @Override
    public void replicate(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        SimObject o = after != null ? after : before;
        if (o.hidden().containsKey(COPY_OF)) return;
        List<String> had = before == null ? List.of() : locations(before.inputs());
        List<String> wanted = after == null ? List.of() : locations(after.inputs());
        for (String region : had) {
            if (region.equals(o.region()) || wanted.contains(region)) continue;
            SimObject copy = cloud.object(region, SECRET, o.id());
            if (copy == null || !o.region().equals(copy.hidden().get(COPY_OF))) continue;
            for (SimObject v : cloud.objects(region, SECRET_VERSION)) {
                if (v.id().startsWith(o.id() + "/versions/") && o.region().equals(v.hidden().get(COPY_OF))) cloud.remove(region, SECRET_VERSION, v.id());
            }
            cloud.remove(region, SECRET, o.id());
        }
        if (after == null) return;
        for (String region : wanted) {
            if (region.equals(after.region())) continue;
            SimObject existing = cloud.object(region, SECRET, after.id());
            if (existing != null && !after.region().equals(existing.hidden().get(COPY_OF))) continue; // another secret's, not ours
            cloud.put(copyOf(after, region, existing == null ? now : existing.createdAt()));
            if (existing == null) {
                for (SimObject v : cloud.objects(after.region(), SECRET_VERSION)) {
                    if (v.id().startsWith(after.id() + "/versions/")) cloud.put(copyOf(v, region, now));
                }
            }
        }
    }

    /** The object as its copy in {@code region} holds it. */
    static SimObject copyOf(SimObject o, String region, Instant at) {
        java.util.Map<String, String> hidden = new java.util.HashMap<>(o.hidden());
        hidden.put(COPY_OF, o.region());
        return new SimObject(o.id(), o.type(), region, SimObject.AVAILABLE, at, null, null, o.inputs(), o.computed(), hidden);
    }
}
