package io.lifeboat.dr;

/**
 * A DR command refused before its first change: what was found, and the command that would be
 * right. Nothing was changed, in the cloud or in any state.
 */
public final class DrRefusedException extends RuntimeException {
    private final String found;
    private final String instead;

    public DrRefusedException(String found, String instead) {
        super(found + (instead == null ? "" : "; " + instead));
        this.found = found;
        this.instead = instead;
    }

    /**
     * Failover, drill, failback, capture and backup of a stack that runs a Pulumi program are not
     * built yet: refused before anything changes.
     */
    public static void refusePrograms(String command, io.lifeboat.spec.Stack... stacks) {
        for (io.lifeboat.spec.Stack s : stacks) {
            if (s != null && s.runsProgram()) {
                throw new DrRefusedException(s.name() + " runs a Pulumi program (" + s.program() + "): lifeboat " + command
                        + " of program stacks is not supported yet; nothing was changed", "run `lifeboat up --stack " + s.name() + "` on each stack of the pair");
            }
        }
    }

    public String found() {
        return found;
    }

    /** What to run instead, or null. */
    public String instead() {
        return instead;
    }
}
