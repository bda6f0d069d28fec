package io.lifeboat.state;

/**
 * A checkpoint that cannot be read as one: not JSON, changed after it was written, or of the wrong
 * shape. The message names the file and the first bad field; the checkpoints kept in history are
 * the way back.
 */
public final class DamagedCheckpointException extends StateException {
    private final String where;
    private final String problem;

    public DamagedCheckpointException(String where, String problem, Throwable cause) {
        super(where + ": " + problem, cause);
        this.where = where;
        this.problem = problem;
    }

    /** The checkpoint's file or object. */
    public String where() {
        return where;
    }

    /** What is wrong, with the path of the first bad field. */
    public String problem() {
        return problem;
    }
}
