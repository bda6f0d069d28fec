package io.lifeboat.provider;

import java.util.Set;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * A type whose objects are image repositories (an ECR repository): which images one holds, and
 * copying an image into it from a repository of another region, registry to registry. A
 * registry's replication only copies images pushed after it was set up; what was there before
 * must be copied.
 */
public interface HoldsImages {

    /** A short-lived credential to pull from a repository; the password is a secret and never shown. */
    record Login(String repositoryUrl, String username, PropertyValue.Secret password) {
        @Override
        public String toString() {
            return "Login[" + repositoryUrl + ", " + username + ", [secret]]";
        }
    }

    /** The tags and the digests ({@code sha256:…}) of the images the repository holds now. */
    Set<String> images(String id, Props outputs, OperationContext ctx) throws ProviderException;

    /** Where the repository is and how to pull from it, for a copy out of it. */
    Login login(String id, Props outputs, OperationContext ctx) throws ProviderException;

    /** Copies the image {@code reference} (a tag or a digest) of the repository {@code source} into this one, under the same reference. */
    void copyInto(String id, Props outputs, Login source, String reference, OperationContext ctx) throws ProviderException;

    /** The command a person runs to push the image {@code reference} into this repository. */
    String pushHint(String id, Props outputs, String reference);
}
