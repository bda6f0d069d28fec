package io.lifeboat.state;

/**
 * The git commit a stack's specs were applied from, as the checkpoint records it.
 *
 * @param dirty the working tree held uncommitted changes to the stack's files ({@code up --allow-dirty},
 *              or a failover run from an edited tree): what was applied is this commit plus those edits
 */
public record AppliedCommit(String sha, String author, String subject, boolean dirty) {

    public String shortSha() {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** {@code 1a2b3c4 Subject}, with {@code +dirty} when uncommitted edits were applied too. */
    public String describe() {
        return shortSha() + (dirty ? "+dirty" : "") + " " + subject;
    }

    public AppliedCommit asDirty() {
        return new AppliedCommit(sha, author, subject, true);
    }
}
