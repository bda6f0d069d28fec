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
}
