package io.lifeboat.state;

/** The state cannot be read, written or trusted; the message says why and what to do. */
public class StateException extends RuntimeException {
    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
