package io.lifeboat.program;

import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.Platform;
import io.lifeboat.spec.SourcePosition;
import io.lifeboat.spec.Stack;

/**
 * What a run of the platform program shares with its cloud's mapping: the stack, its pair (null
 * when it has none or its region is lost), the options, the goals registered so far, the stack's
 * root and the API key material already made.
 */
public record PlatformContext(Stack stack, Stack pair, ProgramOptions options, GoalBuilder goals, Urn root, KnownKeys keys) {
    public Platform platform() {
        return stack.platform();
    }

    public Posture posture() {
        return options.posture();
    }

    /** A component resource under the root, at {@code specPath} of the spec. */
    public Urn component(String type, String name, String specPath) {
        return goals.add(name, false, root, type, name, Props.EMPTY, ResourceOptions.NONE, at(specPath));
    }

    /** Where in the spec a path is ({@code spec.network.cidr}); {@code stack} is the stack file's start. */
    public SourcePosition at(String specPath) {
        return specPath.equals("stack") ? SourcePosition.startOf(stack.file()) : stack.sources().at(specPath);
    }

    /**
     * The kubernetes provider that reaches the stack's cluster, under the root, configured by the
     * cloud's mapping ({@code config}: the cluster, its endpoint and authority) and here with how:
     * through the stack's {@code kubernetes.kubeconfig} when it names one, else on a stack with an
     * endpoint (the sim, an emulator) through the sim's Kubernetes, whose objects live and die with
     * the cluster.
     */
    public Urn kubernetesProvider(Props.Builder config) {
        String kubeconfig = stack.kubernetes().get("kubeconfig");
        if (kubeconfig != null) {
            config.put("kubeconfig", kubeconfig);
            if (stack.kubernetes().get("context") != null) config.put("context", stack.kubernetes().get("context"));
        } else if (stack.endpoint() != null) {
            config.put("endpoint", "sim");
        }
        return goals.add(null, true, root, KubernetesSchemas.PROVIDER, "cluster", config.build(), ResourceOptions.NONE, at("spec.cluster"));
    }
}
