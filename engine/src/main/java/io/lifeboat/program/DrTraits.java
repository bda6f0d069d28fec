package io.lifeboat.program;

import java.util.List;
import java.util.Map;

import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.Snapshot;

/** What the DR commands need to know of a cloud's resource types. */
public interface DrTraits {
    /**
     * The type that holds the database's copies in the pair's region (a replication of automated
     * backups); a restore names one of its recovery points.
     */
    String databaseCopies();

    /** The type of the secrets replicated into the pair's region (API keys); its {@code name} input names it. */
    String replicatedSecret();

    /** The type of an image repository; its {@code name} input names it. */
    String imageRepository();

    /** The provider resource through which a stack reaches its region, outside any program run (probes, recovery points). */
    Urn regionProvider(Stack stack);

    /** That provider's configuration. */
    Props regionProviderConfig(Stack stack);

    /** A type every stack of this cloud has, read once to learn whether a region answers. */
    String regionProbe();

    /**
     * The types whose objects can be made by hand beside a stack's own, and so captured into its
     * spec, each with the input naming the managed object they were added to.
     */
    Map<String, String> capturable();

    /** What a person must do about the survivor's resources after a failover (confirm a subscription, accept a peering). */
    List<String> personActions(Snapshot survivorState, Stack lost, Stack survivor);
}
