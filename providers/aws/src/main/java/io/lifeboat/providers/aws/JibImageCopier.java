package io.lifeboat.providers.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;

import io.lifeboat.provider.HoldsImages;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.resource.PropertyValue;

/**
 * Copies a tagged image from one registry to another with Jib, registry to registry (no Docker
 * daemon): the manifest and configuration are read from the source, each layer the target lacks
 * is pulled and pushed, and the image is written under the same tag, keeping the source's
 * configuration (entrypoint, environment, labels, …). Jib writes the configuration anew, so the
 * copy's digest is not the source's: deployments pull by tag. A multi-platform source is copied
 * for linux/amd64, Jib's default. Layers pass through a cache directory of the copy's own, deleted
 * after it. Registries on the loopback address (tests, local emulators) may answer over plain HTTP.
 */
final class JibImageCopier {

    void copy(HoldsImages.Login from, HoldsImages.Login to, String tag) throws ProviderException, InterruptedException {
        String what = "copy of " + from.repositoryUrl() + ":" + tag + " to " + to.repositoryUrl() + ":" + tag;
        Path cache = null;
        try {
            cache = Files.createTempDirectory("lifeboat-image-copy");
            RegistryImage source = RegistryImage.named(from.repositoryUrl() + ":" + tag).addCredential(from.username(), password(from));
            RegistryImage target = RegistryImage.named(to.repositoryUrl() + ":" + tag).addCredential(to.username(), password(to));
            Containerizer containerizer = Containerizer.to(target)
                    .setAllowInsecureRegistries(loopback(from.repositoryUrl()) && loopback(to.repositoryUrl()))
                    .setBaseImageLayersCache(cache.resolve("base"))
                    .setApplicationLayersCache(cache.resolve("application"))
                    .setToolName("lifeboat");
            Jib.from(source).setFormat(ImageFormat.Docker).containerize(containerizer);
        } catch (InvalidImageReferenceException e) {
            throw new ProviderException(Kind.INVALID_INPUT, "InvalidImageReference", what + ": " + e.getMessage(), e);
        } catch (RegistryUnauthorizedException e) {
            throw new ProviderException(Kind.PERMISSION, "RegistryUnauthorized", what + ": the registry refused the credentials: " + e.getMessage(), e);
        } catch (RegistryException e) {
            throw new ProviderException(Kind.TRANSIENT, "RegistryError", what + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Kind kind = cause instanceof RegistryUnauthorizedException ? Kind.PERMISSION : cause instanceof IOException ? Kind.TRANSIENT : Kind.INVALID_INPUT;
            throw new ProviderException(kind, "ImageCopyFailed", what + ": " + cause.getMessage(), e);
        } catch (IOException | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
            throw new ProviderException(Kind.TRANSIENT, "ImageCopyFailed", what + ": " + e.getMessage(), e);
        } finally {
            if (cache != null) deleteTree(cache);
        }
    }

    private static String password(HoldsImages.Login login) {
        if (login.password().value() instanceof PropertyValue.Str s) return s.value();
        throw new IllegalArgumentException("a registry password is a string");
    }

    private static boolean loopback(String repositoryUrl) {
        String host = URI.create("//" + repositoryUrl).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    /** Best effort: a cache left in the temporary directory must not fail a copy that succeeded. */
    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
