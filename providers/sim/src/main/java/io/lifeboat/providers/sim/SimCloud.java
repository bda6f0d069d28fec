package io.lifeboat.providers.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The simulated cloud as it is persisted under {@code .lifeboat/sim}: per region
 * ({@code regions/<region>/}) its objects and its state (outage, faults). IAM lives in the
 * region {@value #GLOBAL}. Any number of instances, in this process or others, may work on the
 * same directory: they see one cloud.
 */
public final class SimCloud {
    /** Where global services (IAM) keep their objects. */
    public static final String GLOBAL = "global";
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Path root;
    private final ConcurrentHashMap<String, RegionStore> regions = new ConcurrentHashMap<>();
    private final long compactFloor;

    /** A cloud rooted at {@code root} (the {@code .lifeboat/sim} directory). */
    public SimCloud(Path root) {
        this(root, RegionStore.COMPACT_FLOOR);
    }

    /** A cloud whose region logs may be rewritten once they pass {@code compactFloor} bytes (tests lower it). */
    SimCloud(Path root, long compactFloor) {
        this.root = root.toAbsolutePath().normalize();
        this.compactFloor = compactFloor;
    }

    /** The cloud of a project: {@code <workDir>/.lifeboat/sim}. */
    public static SimCloud inWorkDir(Path workDir) {
        return new SimCloud(workDir.resolve(".lifeboat").resolve("sim"));
    }

    public Path root() {
        return root;
    }

    public static boolean validRegionName(String region) {
        return region != null && REGION.matcher(region).matches();
    }

    /** The regions that have ever been used, sorted. */
    public List<String> regions() {
        Path dir = root.resolve("regions");
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && validRegionName(name)) out.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(null);
        return out;
    }

    public RegionState state(String region) {
        return store(region).state();
    }

    public void updateState(String region, UnaryOperator<RegionState> change) {
        RegionStore s = store(region);
        try {
            s.locked(() -> {
                s.writeState(change.apply(s.state()));
                return null;
            });
        } catch (io.lifeboat.provider.ProviderException e) {
            throw new IllegalStateException(e); // the work above throws none
        }
    }

    /** One object of another region read straight from its file (no lock, no index); null if none. */
    public SimObject peek(String region, String type, String id, Instant now) {
        return store(region).peek(type, id, now);
    }

    /** The object of that type and id in the region as it is now; null when there is none. */
    public SimObject object(String region, String type, String id) {
        return store(region).get(type, id, Instant.now());
    }

    /** The objects of a type in the region as they are now, oldest first. */
    public List<SimObject> objects(String region, String type) {
        return oldestFirst(store(region).ofType(type, Instant.now()));
    }

    /** Every object of the region as it is now, oldest first. */
    public List<SimObject> objects(String region) {
        return oldestFirst(store(region).all(Instant.now()));
    }

    static List<SimObject> oldestFirst(List<SimObject> found) {
        List<SimObject> objects = new ArrayList<>(found);
        objects.sort((a, b) -> {
            int c = a.createdAt().compareTo(b.createdAt());
            return c != 0 ? c : a.id().compareTo(b.id());
        });
        return objects;
    }

    /** Writes an object as it is, with no rule checked: what the cloud does on its own (replicas, drift). */
    public void put(SimObject o) {
        store(o.region()).put(o);
    }

    /** Removes an object at once, with no rule checked. */
    public void remove(String region, String type, String id) {
        store(region).remove(type, id);
    }

    RegionStore store(String region) {
        if (!validRegionName(region)) throw new IllegalArgumentException("not a region name: " + region);
        return regions.computeIfAbsent(region, r -> new RegionStore(root.resolve("regions"), r, compactFloor));
    }
}
