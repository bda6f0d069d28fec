package io.lifeboat.providers.aws;

import java.util.Optional;

import io.lifeboat.provider.ProviderException;
import software.amazon.awssdk.core.exception.SdkException;

/** One SDK call, with what it throws turned into the SPI's errors. */
public final class AwsCall {
    private AwsCall() {
    }

    public interface Body<T> {
        T run() throws ProviderException;
    }

    public static <T> T run(String what, Body<T> body) throws ProviderException {
        try {
            return body.run();
        } catch (SdkException e) {
            throw AwsErrors.map(what, e);
        }
    }

    public static void exec(String what, Runnable body) throws ProviderException {
        run(what, () -> {
            body.run();
            return null;
        });
    }

    /** The call's result, or empty when the service says the object is not there. */
    public static <T> Optional<T> find(String what, Body<T> body) throws ProviderException {
        return ProviderException.unlessNotFound(() -> run(what, body));
    }

    /** Runs a delete; an object already gone is not an error. */
    public static void delete(String what, Runnable body) throws ProviderException {
        find(what, () -> {
            body.run();
            return Boolean.TRUE;
        });
    }
}
