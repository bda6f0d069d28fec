package io.lifeboat.dr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lifeboat.deploy.ProviderPool;
import io.lifeboat.deploy.RetryPolicy;
import io.lifeboat.deploy.StackRunner;
import io.lifeboat.program.Clouds;
import io.lifeboat.program.DrTraits;
import io.lifeboat.provider.HoldsImages;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ResourceType;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.Stack;
import io.lifeboat.state.ResourceState;
import io.lifeboat.state.Snapshot;

/**
 * Keeps every deployment's image in both registries of a pair. A registry's replication only
 * copies images pushed after it was set up, so after an {@code up} the images the pair's
 * deployments pull that the primary's registry holds and the pair's lacks are copied, registry
 * to registry; an image the primary's registry lacks is reported, for a person to push (it is
 * never made up). After a failover, the images the survivor's registry still lacks are what a
 * person must push before its deployments can start. A lost stack's region is never called.
 * Changes no state.
 */
public final class ImageSync {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /** What a sync did: images copied, images a person must push, copies that failed. */
    public record Result(List<String> copied, List<String> warnings, List<String> errors) {
        static final Result NONE = new Result(List.of(), List.of(), List.of());
    }

    /** One repository as a stack's state records it, with the type that serves it (null when that type cannot tell its images). */
    private record Repository(ResourceState state, HoldsImages type) {
        String url() {
            String url = state.outputs().string("repositoryUrl");
            if (url == null) url = state.outputs().string("registryUri");
            return url == null ? state.id() : url;
        }
    }

    private final StackRunner runner;

    public ImageSync(StackRunner runner) {
        this.runner = runner;
    }

    private Snapshot stateOf(Stack stack, java.util.function.Function<String, Snapshot> states) {
        Snapshot s = states.apply(stack.name());
        return s != null ? s : runner.store(stack).load(stack.name()).snapshot();
    }

    /**
     * After an up of {@code stack}: copies into the registry of the pair's standby the images its
     * deployments pull from the primary's registry, when the platform replicates its registry to
     * the pair. Whichever of the two was applied, images go from the primary (the role its state
     * records) to the other; nothing happens while either is lost or has no registry yet.
     */
    public Result sync(Stack stack, Stack pair) throws InterruptedException {
        return sync(stack, pair, s -> null);
    }

    /**
     * As {@link #sync(Stack, Stack)}, given the states the operation already holds by stack name
     * (the one an up just wrote); a stack it has none for (null) is loaded.
     */
    public Result sync(Stack stack, Stack pair, java.util.function.Function<String, Snapshot> states) throws InterruptedException {
        if (pair == null || stack.platform() == null || pair.platform() == null) return Result.NONE;
        boolean stackPrimary = runner.target(stack, pair, null, null).posture().primary();
        Stack primary = stackPrimary ? stack : pair;
        Stack standby = stackPrimary ? pair : stack;
        if (!primary.platform().registry().replicateToPair()) return Result.NONE;
        Snapshot from = stateOf(primary, states);
        Snapshot to = stateOf(standby, states);
        if (from.metadata().lost() || to.metadata().lost()) return Result.NONE;
        List<String> copied = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (ProviderPool pool = runner.pool()) {
            pool.registerAll(from);
            pool.registerAll(to);
            Map<String, Set<String>> held = new HashMap<>();
            for (Pulled pulled : images(standby.platform())) {
                ImageRef image = pulled.image();
                try {
                    Repository source = repository(pool, stack, from, image.repository());
                    Repository target = repository(pool, pair, to, image.repository());
                    // no registry (yet) on one side, or one that cannot copy: nothing to copy between
                    if (source == null || target == null || source.type() == null || target.type() == null) continue;
                    if (!held(held, source).contains(image.reference())) {
                        warnings.add("image " + image.image() + " is not in " + primary.name() + "'s registry (" + source.url()
                                + "), so it cannot be copied to " + standby.name() + "'s: push it: "
                                + source.type().pushHint(source.state().id(), source.state().outputs().reveal(), image.reference()));
                        continue;
                    }
                    Set<String> there;
                    try {
                        there = held(held, target);
                    } catch (ProviderException e) {
                        if (e.kind() != ProviderException.Kind.NOT_FOUND) throw e;
                        warnings.add("image " + image.image() + " was not copied: " + standby.name() + "'s repository " + target.url()
                                + " is gone; an up of " + standby.name() + " with --refresh makes it again and copies the image");
                        continue;
                    }
                    if (there.contains(image.reference())) continue;
                    copy(source, target, image.reference());
                    held.get(target.url()).add(image.reference());
                    copied.add("copied image " + image.image() + " from " + source.url() + " to " + target.url());
                } catch (ProviderException e) {
                    errors.add("could not copy image " + image.image() + " from " + primary.name() + "'s registry to " + standby.name()
                            + "'s: " + e.getMessage());
                }
            }
        }
        return new Result(copied, warnings, errors);
    }

    /**
     * The images the survivor's deployments pull that its registry lacks, each as a person's
     * to-do naming the image, the registry and the command that pushes it.
     */
    public List<String> missing(Stack survivor, Snapshot state) throws InterruptedException {
        List<String> out = new ArrayList<>();
        if (survivor.platform() == null) return out;
        try (ProviderPool pool = runner.pool()) {
            pool.registerAll(state);
            Map<String, Set<String>> held = new HashMap<>();
            for (Pulled pulled : images(survivor.platform())) {
                ImageRef image = pulled.image();
                String users = io.lifeboat.plan.Plural.noun(pulled.deployments().size(), "deployment") + " " + String.join(", ", pulled.deployments());
                try {
                    Repository repo = repository(pool, survivor, state, image.repository());
                    if (repo == null) {
                        out.add("image " + image.image() + " of " + users + ": " + survivor.name() + " has no repository " + image.repository()
                                + " in " + survivor.region() + " (see the errors); once it has, push the image into it");
                    } else if (repo.type() != null && !held(held, repo).contains(image.reference())) {
                        out.add("push image " + image.image() + " into " + survivor.name() + "'s registry in " + survivor.region() + " ("
                                + repo.url() + "); " + users + " cannot start without it: "
                                + repo.type().pushHint(repo.state().id(), repo.state().outputs().reveal(), image.reference()));
                    }
                } catch (ProviderException x) {
                    out.add("check that image " + image.image() + " (of " + users + ") is in " + survivor.name() + "'s registry in "
                            + survivor.region() + "; its images could not be listed: " + x.getMessage());
                }
            }
        }
        return out;
    }

    /** An image the deployments pull, as the first of them names it, and the deployments that pull it. */
    private record Pulled(ImageRef image, List<String> deployments) {
    }

    /** The images a platform's deployments pull, one per repository and tag or digest, in spec order. */
    private static List<Pulled> images(Platform platform) {
        Map<String, Pulled> out = new LinkedHashMap<>();
        for (Platform.Deployment d : platform.deployments()) {
            if (d.image() == null) continue;
            ImageRef ref = ImageRef.parse(d.image());
            out.computeIfAbsent(ref.repository() + "@" + ref.reference(), k -> new Pulled(ref, new ArrayList<>())).deployments().add(d.name());
        }
        return new ArrayList<>(out.values());
    }

    /** The repository of that name the state records; null when it records none. */
    private static Repository repository(ProviderPool pool, Stack stack, Snapshot s, String name) throws ProviderException {
        DrTraits.Named repositories = Clouds.of(stack).dr().imageRepository();
        for (ResourceState r : s.cloudResources()) {
            if (!r.type().equals(repositories.type()) || r.delete() || r.id() == null || !name.equals(repositories.nameOf(r))) continue;
            ResourceType type = pool.find(r.provider(), r.type());
            return new Repository(r, type instanceof HoldsImages h ? h : null);
        }
        return null;
    }

    private static Set<String> held(Map<String, Set<String>> cache, Repository repo) throws ProviderException, InterruptedException {
        Set<String> images = cache.get(repo.url());
        if (images != null) return images;
        OperationContext ctx = OperationContext.of(repo.state().urn(), TIMEOUT);
        images = new java.util.HashSet<>(RetryPolicy.DEFAULT.run(ctx, (a, e, d) -> { },
                () -> repo.type().images(repo.state().id(), repo.state().outputs().reveal(), ctx)));
        cache.put(repo.url(), images);
        return images;
    }

    private static void copy(Repository source, Repository target, String reference) throws ProviderException, InterruptedException {
        OperationContext ctx = OperationContext.of(target.state().urn(), TIMEOUT);
        RetryPolicy.DEFAULT.run(ctx, (a, e, d) -> { }, () -> {
            HoldsImages.Login login = source.type().login(source.state().id(), source.state().outputs().reveal(), ctx);
            target.type().copyInto(target.state().id(), target.state().outputs().reveal(), login, reference, ctx);
            return null;
        });
    }
}
