package io.lifeboat.provider;

/**
 * A provider plugin, found through {@link java.util.ServiceLoader} by its name: {@code aws},
 * {@code gcp}, {@code kubernetes}, or {@code sim}, which serves the aws package's types on the
 * embedded simulated cloud.
 */
public interface ProviderFactory {

    String name();

    Provider open(ProviderConfig config) throws ProviderException;
}
