package io.lifeboat.providers.sim;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderFactory;

/**
 * The {@code sim} provider plugin: serves the aws and gcp packages' types on the simulated cloud
 * kept under {@code <workDir>/.lifeboat/sim} (a gcp provider's {@code project} input names its
 * project), and the kubernetes package's on its EKS clusters or, with {@code auth: gke}, its GKE
 * clusters (the provider's {@code cluster} input names which: an EKS cluster's name, a GKE
 * cluster's id). Providers opened on the same directory share one
 * {@link SimCloud} (and its index).
 */
public final class SimProviderFactory implements ProviderFactory {
    private final Map<String, String> env;
    private final ConcurrentHashMap<Path, SimCloud> clouds = new ConcurrentHashMap<>();

    /** The plugin as {@link java.util.ServiceLoader} makes it: settings from the process environment. */
    public SimProviderFactory() {
        this(System.getenv());
    }

    /** A plugin that reads its LIFEBOAT_SIM_* settings from {@code env} instead of the process environment. */
    public SimProviderFactory(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public Provider open(ProviderConfig config) throws ProviderException {
        boolean kubernetes = "kubernetes".equals(config.pkg());
        // a cluster's kubernetes provider runs in the region of the cloud whose cluster it is: GKE's (auth gke) or EKS's
        boolean gke = kubernetes && "gke".equals(config.inputs().string("auth"));
        String cloudPackage = config.pkg() == null || kubernetes ? (gke ? "gcp" : "aws") : config.pkg();
        SimTypes catalog = SimPackages.of(cloudPackage);
        if (catalog == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnsupportedPackage",
                    "the sim serves the " + String.join(", ", SimPackages.names()) + " and kubernetes packages' types; it cannot serve '"
                            + config.pkg() + "'");
        }
        String cluster = config.inputs().string("cluster");
        if (kubernetes && cluster == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoCluster",
                    "the sim's kubernetes provider needs the EKS cluster's name or the GKE cluster's id it talks to (input 'cluster')");
        }
        if (config.workDir() == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoWorkDir", "the sim needs the project's directory to keep its cloud in");
        }
        String region = config.region();
        if (!SimCloud.validRegionName(region) || SimCloud.GLOBAL.equals(region)) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "InvalidRegion", "not a region the sim can serve: " + region);
        }
        SimSettings settings;
        try {
            settings = SimSettings.resolve(config.settings(), env);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "InvalidSimSetting", "sim: " + e.getMessage(), e);
        }
        SimCloud cloud = clouds.computeIfAbsent(config.workDir().resolve(".lifeboat").resolve("sim").toAbsolutePath().normalize(), SimCloud::new);
        Random random = settings.seed() == null ? new Random() : new Random(settings.seed() * 31 + region.hashCode());
        String project = null;
        if ("gcp".equals(cloudPackage)) {
            project = gke ? projectOfCluster(cluster) : config.inputs().string("project");
            if (project == null || !project.matches("[a-z][-a-z0-9]{0,29}")) {
                throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoProject", gke
                        ? "the sim's kubernetes provider of a GKE cluster needs the cluster's id (projects/<project>/locations/<region>/clusters/<name>) as 'cluster', got " + cluster
                        : "the gcp provider needs a project (input 'project'), got " + project);
            }
        }
        SimRuntime rt = new SimRuntime(cloud, region, settings, new CallGate(cloud, region, settings), new SimIds(random), catalog, project);
        if (!kubernetes) return new SimProvider(rt);
        // a cluster of a GCP emulator or fakes (the stack's gcpEndpoint) is not in the sim's store: its objects are kept all the same
        if (gke) return new SimKubernetesProvider(rt, cluster, config.inputs().string("gcpEndpoint") != null, SimKubernetesType.Flavour.GKE);
        // a cluster of an AWS emulator (the stack's awsEndpoint) is not in the sim's store: its objects are kept all the same
        return new SimKubernetesProvider(rt, cluster, config.inputs().string("awsEndpoint") != null, SimKubernetesType.Flavour.EKS);
    }

    /** {@code p} of {@code projects/p/locations/r/clusters/name}; null when the id is not one. */
    private static String projectOfCluster(String cluster) {
        String[] parts = cluster.split("/");
        return parts.length == 6 && parts[0].equals("projects") && parts[2].equals("locations") && parts[4].equals("clusters") ? parts[1] : null;
    }
}
