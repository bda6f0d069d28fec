package io.lifeboat.git;

/** A revision (branch, tag, sha, HEAD~2, …) that names no commit of the repository. */
public final class UnknownRevisionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownRevisionException(String revision, String repository, String why) {
        super("unknown revision '" + revision + "' in the git repository " + repository + (why == null ? "" : " (" + why + ")")
                + "; give a branch, a tag or a commit sha that `git log` shows (in CI, fetch enough history: fetch-depth: 0)");
    }
}
