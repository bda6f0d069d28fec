package io.lifeboat.providers.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.lifeboat.providers.sim.aws.AwsSimTypes;
import io.lifeboat.providers.sim.gcp.GcpSimTypes;

/**
 * The clouds' packages the simulated cloud serves, each with its catalog of types: the one place
 * that lists them. The rest of the sim's base works from a catalog, whatever cloud it is.
 */
public final class SimPackages {
    private static final Map<String, SimTypes> BY_PACKAGE = Map.of("aws", AwsSimTypes.catalog(), "gcp", GcpSimTypes.catalog());
    private static final SimTypes ALL = all(BY_PACKAGE);

    private SimPackages() {
    }

    /** The catalog of a package ({@code aws}), or null when the sim does not serve it. */
    public static SimTypes of(String pkg) {
        return BY_PACKAGE.get(pkg);
    }

    /** The packages served, sorted. */
    public static List<String> names() {
        return new ArrayList<>(new TreeSet<>(BY_PACKAGE.keySet()));
    }

    /** The catalog of each package served. */
    public static java.util.Collection<SimTypes> catalogs() {
        return BY_PACKAGE.values();
    }

    /** Every type of every package. */
    public static SimTypes all() {
        return ALL;
    }

    private static SimTypes all(Map<String, SimTypes> packages) {
        List<SimType> types = new ArrayList<>();
        for (SimTypes t : packages.values()) types.addAll(t.all());
        return new SimTypes(types);
    }
}
