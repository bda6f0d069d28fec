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

    public String found() {
        return found;
    }

    /** What to run instead, or null. */
    public String instead() {
        return instead;
    }
}
