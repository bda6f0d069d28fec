package io.lifeboat.providers.gcp;

import java.io.IOException;
import java.util.Optional;

import com.google.api.client.http.HttpResponseException;
import com.google.api.gax.rpc.ApiException;

import io.lifeboat.provider.ProviderException;

/** One call to a Google API, with what its client throws turned into the SPI's errors ({@link GcpErrors}). */
public final class GcpCall {
    private GcpCall() {
    }

    /** A call that may throw what Google's clients throw: their runtime errors, or IOException (the discovery clients). */
    public interface Body<T> {
        T run() throws IOException, ProviderException;
    }

    public static <T> T run(String what, Body<T> body) throws ProviderException {
        try {
            return body.run();
        } catch (ApiException e) {
            throw GcpErrors.map(what, e);
        } catch (HttpResponseException e) {
            throw GcpErrors.map(what, e);
        } catch (IOException e) {
            throw GcpErrors.map(what, e);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof IOException || e.getCause() instanceof ApiException) throw GcpErrors.map(what, e.getCause());
            throw e;
        }
    }

    /** The call's result, or empty when the API says the object is not there. */
    public static <T> Optional<T> find(String what, Body<T> body) throws ProviderException {
        return ProviderException.unlessNotFound(() -> run(what, body));
    }
}
