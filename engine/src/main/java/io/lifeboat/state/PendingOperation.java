package io.lifeboat.state;

/**
 * An operation that began and did not end (the process died): Pulumi's pending_operations.
 * {@code type} is creating, updating, deleting or reading.
 */
public record PendingOperation(ResourceState resource, String type) {
}
