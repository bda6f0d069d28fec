package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.SECRET;
import static io.lifeboat.program.aws.AwsSchemas.SECRET_VERSION;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimCloud;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * {@code aws:secretsmanager/secret:Secret}: named uniquely in the region, its id its ARN
 * ({@code …:secret:<name>-<6 characters>}). Each region in {@code replicas} holds a read-only
 * replica with the same name and suffix, which outlives an outage of the primary's region.
 * Deleting the secret takes its versions and replicas with it; a replica promoted to a secret of
 * its own (see {@link #takeOver}) is no longer one and stays.
 */
final class SecretType extends AwsSimType {
    static final String REPLICA_OF = "replicaOf";

    SecretType() {
        super(SECRET);
    }

    @Override
    public String notFoundCode() {
        return "ResourceNotFoundException";
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (!name.matches("[A-Za-z0-9/_+=.@-]{1,512}")) throw bad("Invalid name: " + name + " (letters, digits and /_+=.@- only)");
        Double window = num(in, "recoveryWindowInDays");
        if (window != null && window != 0 && (window < 7 || window > 30)) throw bad("recoveryWindowInDays must be 0 or within 7..30");
        for (String region : replicaRegions(in)) {
            if (!SimCloud.validRegionName(region) || SimCloud.GLOBAL.equals(region)) throw bad("Invalid replica region: " + region);
            if (region.equals(scope.region())) throw bad("Invalid replica region: " + region + " is the primary region");
        }
    }

    @Override
    public void beforeUpdate(SimObject o, SimScope scope) throws ProviderException {
        refuseReplica(o, "updated");
    }

    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        refuseReplica(o, "deleted");
        for (SimObject version : versionsOf(o.id(), scope)) scope.remove(version);
    }

    static void refuseReplica(SimObject o, String what) throws ProviderException {
        String primary = o.hidden().get(REPLICA_OF);
        if (primary != null) {
            throw SimErrors.invalid("InvalidRequestException", o.id() + " is a replica of " + primary + " and cannot be " + what
                    + " directly; change the replicas of the primary secret");
        }
    }

    static List<String> replicaRegions(Props in) {
        Set<String> out = new LinkedHashSet<>();
        for (Props r : objects(in, "replicas")) {
            if (r.string("region") != null) out.add(r.string("region"));
        }
        return List.copyOf(out);
    }

    /**
     * A create of a secret whose name this region holds as a replica promotes the replica to a
     * secret of its own (Secrets Manager's StopReplicationToReplica), keeping its ARN and its
     * values: the key material a failover must carry over is never absent from the region.
     */
    @Override
    public SimObject takeOver(Props in, SimScope scope) {
        // through the index of unique names the create's own duplicate check keeps (not a scan of every secret)
        for (SimObject o : scope.withKey(SECRET, "unique", stored -> stored.inputs().string("name") == null ? List.of()
                : List.of(stored.inputs().string("name")), str(in, "name"))) {
            if (o.hidden().containsKey(REPLICA_OF)) return o;
        }
        return null;
    }

    @Override
    public void tookOver(SimObject replica, SimScope scope) {
        for (SimObject version : versionsOf(replica.id(), scope)) scope.put(version.withHidden(REPLICA_OF, null));
    }

    /** The versions of the secret {@code arn}, through the region's index (a scan of every version each would be quadratic in the secrets). */
    static List<SimObject> versionsOf(String arn, SimScope scope) {
        return scope.withKey(SECRET_VERSION, "secret", v -> v.computed().string("arn") == null ? List.of() : List.of(v.computed().string("arn")), arn);
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "name");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("ResourceExistsException", "The operation failed because the secret " + str(in, "name") + " already exists"
                + (existing.hidden().containsKey(REPLICA_OF) ? " (as a replica of " + existing.hidden().get(REPLICA_OF) + ")" : "") + ".");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return scope.arn("secretsmanager", "secret:" + str(in, "name") + "-" + scope.ids().alnum(6));
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder().put("arn", id).build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("replicas", PropertyValue.list()).put("recoveryWindowInDays", 30).build();
    }

    @Override
    public void replicate(SimObject before, SimObject after, SimCloud cloud, Instant now) {
        Replicas.sync(before, after, cloud, now);
    }
}
