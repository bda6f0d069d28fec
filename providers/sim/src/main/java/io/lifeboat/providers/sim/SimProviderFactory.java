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
 * The {@code sim} provider plugin: serves the aws package's types on the simulated cloud kept
 * under {@code <workDir>/.lifeboat/sim}, and the kubernetes package's on its EKS clusters (the
 * provider's {@code cluster} input names which). Providers opened on the same directory share one
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
        // a cluster's kubernetes provider runs in the region of the cloud whose cluster it is: aws's, for now
        String cloudPackage = config.pkg() == null || kubernetes ? "aws" : config.pkg();
        SimTypes catalog = SimPackages.of(cloudPackage);
        if (catalog == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "UnsupportedPackage",
                    "the sim serves the " + String.join(", ", SimPackages.names()) + " and kubernetes packages' types; it cannot serve '"
                            + config.pkg() + "'");
        }
        String cluster = config.inputs().string("cluster");
        if (kubernetes && cluster == null) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "NoCluster",
                    "the sim's kubernetes provider needs the name of the EKS cluster it talks to (input 'cluster')");
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
        SimRuntime rt = new SimRuntime(cloud, region, settings, new CallGate(cloud, region, settings), new SimIds(random), catalog);
        // a cluster of an AWS emulator (the stack's awsEndpoint) is not in the sim's store: its objects are kept all the same
        return kubernetes ? new SimKubernetesProvider(rt, cluster, config.inputs().string("awsEndpoint") != null) : new SimProvider(rt);
    }
}
