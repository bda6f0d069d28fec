package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.SECRET;
import static io.lifeboat.program.gcp.GcpSchemas.SECRET_VERSION;

import java.time.Instant;
import java.util.List;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:secretmanager/secretVersion:SecretVersion}: a value of a secret (named by id or
 * name), its id and name {@code projects/p/secrets/x/versions/N}, N counting up per secret; copied
 * to the secret's replica locations, where a provider of that region reads it.
 */
final class SecretVersionType extends GcpSimType {
    /** Hidden on a secret: the number of its newest version. */
    private static final String LAST_VERSION = "lastVersion";

    SecretVersionType() {
        super(SECRET_VERSION);
    }

    @Override
    public List<Reference> references() {
        // deleting the secret deletes its versions
        return List.of(GcpRefs.to("secret", SECRET, GcpRefs.SECRET_RESOLVER).weak());
    }

    @Override
    protected boolean uniqueInProject() {
        return false;
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        String data = str(in, "secretData");
        if (data == null || data.isEmpty()) throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "secretData must not be empty");
        if (data.length() > 65536) throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "secretData is at most 64 KiB");
        SimObject secret = GcpRefs.SECRET_RESOLVER.resolve(scope, str(in, "secret"));
        if (current == null) SecretType.refuseCopy(secret, "given a version");
    }

    @Override
    public void beforeUpdate(SimObject o, SimScope scope) throws ProviderException {
        SecretType.refuseCopy(o, "updated");
    }

    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        SecretType.refuseCopy(o, "deleted");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        SimObject secret = GcpRefs.SECRET_RESOLVER.resolve(scope, str(in, "secret"));
        long n = Long.parseLong(secret.hidden().getOrDefault(LAST_VERSION, "0"));
        for (SimObject v : scope.all(SECRET_VERSION)) {
            if (v.id().startsWith(secret.id() + "/versions/")) n = Math.max(n, Long.parseLong(GcpRefs.last(v.id())));
        }
        return secret.id() + "/versions/" + (n + 1);
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        String secretId = id.substring(0, id.indexOf("/versions/"));
        SimObject secret = scope.find(SECRET, secretId);
        if (secret != null) scope.put(secret.withHidden(LAST_VERSION, GcpRefs.last(id)));
        return Props.builder().put("name", id).put("version", GcpRefs.last(id)).put("createTime", scope.now().toString()).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("enabled", true).build();
    }

    @Override
    public void replicate(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        SimObject v = after != null ? after : before;
        if (v.hidden().containsKey(SecretType.COPY_OF)) return;
        String secretId = v.id().substring(0, v.id().indexOf("/versions/"));
        SimObject secret = cloud.object(v.region(), SECRET, secretId);
        if (secret == null) return;
        for (String region : SecretType.locations(secret.inputs())) {
            if (region.equals(v.region())) continue;
            SimObject copy = cloud.object(region, SECRET, secretId);
            if (copy == null || !v.region().equals(copy.hidden().get(SecretType.COPY_OF))) continue;
            if (after == null) cloud.remove(region, SECRET_VERSION, v.id());
            else cloud.put(SecretType.copyOf(after, region, now));
        }
    }
}
