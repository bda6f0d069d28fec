package io.lifeboat.program;

import java.util.ArrayList;
import java.util.List;

import io.lifeboat.program.aws.AwsCloud;
import io.lifeboat.program.gcp.GcpCloud;
import io.lifeboat.spec.Stack;

/** The clouds this build has programs for. */
public final class Clouds {
    private static final List<Cloud> ALL = List.of(new AwsCloud(), new GcpCloud());

    private Clouds() {
    }

    /** Every cloud of this build. */
    public static List<Cloud> all() {
        return ALL;
    }

    /** The cloud a stack's spec names; refused, naming the ones there are, if this build has none such. */
    public static Cloud of(Stack stack) {
        for (Cloud c : ALL) if (c.id().equals(stack.cloud())) return c;
        List<String> ids = new ArrayList<>();
        for (Cloud c : ALL) ids.add(c.id());
        throw new IllegalArgumentException("cloud " + stack.cloud() + " of stack " + stack.name() + " has no program in this build yet; use cloud: "
                + String.join(" or ", ids));
    }
}
