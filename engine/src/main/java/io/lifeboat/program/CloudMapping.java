package io.lifeboat.program;

import io.lifeboat.resource.Urn;

/**
 * How one cloud makes each part of the platform with its own types: what {@link PlatformProgram}
 * asks of the cloud. Each part is registered through the {@link PlatformContext} it was made
 * with, and comes back as a typed handle that says what other parts may use of it, so that no
 * part looks another up by its path.
 */
public interface CloudMapping {
    /** The provider of the stack's region, registered first; raw resources are made through it. */
    Urn provider();

    Handles.Network network();

    Handles.Cluster cluster(Handles.Network network);

    Handles.Database database(Handles.Network network);

    /** The registry of the deployments' images; {@link Handles.Registry#NONE} when the cloud keeps none for this stack. */
    Handles.Registry registry();

    Handles.Alerts alerts();

    /** Whether this stack makes the API keys (it serves the platform, and its cloud lets it own them in its posture). */
    boolean ownsApiKeys();

    void apiKeys();

    /** The name of the secret that holds a deployment's API key, as the deployment is told it. */
    String apiKeySecretName(String deployment, String key);

    /** The kubernetes provider that reaches the cluster, under the stack's root. */
    Urn kubernetesProvider(Handles.Cluster cluster);

    /** The database's backups copied into the pair's region, when the spec asks for it and there is a pair. */
    void backupCopy(Handles.Database database);
}
