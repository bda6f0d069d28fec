package io.lifeboat.providers.sim.gcp;

import static io.lifeboat.program.gcp.GcpSchemas.REPOSITORY;

import java.util.Locale;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/**
 * {@code gcp:artifactregistry/repository:Repository}: an Artifact Registry repository of the
 * provider's region, its id and name {@code projects/p/locations/r/repositories/x}; a DOCKER one
 * holds images ({@code registryUri} {@code r-docker.pkg.dev/p/x}), which the sim lets a person push
 * and copy as for ECR.
 */
final class RepositoryType extends GcpSimType {
    private static final String[] FORMATS = {"DOCKER", "MAVEN", "NPM", "PYTHON", "APT", "YUM", "GO", "KFP"};

    RepositoryType() {
        super(REPOSITORY);
    }

    @Override
    public boolean holdsImages() {
        return true;
    }

    @Override
    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
        String id = str(in, "repositoryId");
        if (id == null || id.length() > 63 || !id.matches("[a-z]([a-z0-9-]{0,61}[a-z0-9])?")) {
            throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "Invalid repository id \"" + id + "\": lowercase letters, digits and "
                    + "hyphens, starting with a letter and ending with a letter or digit, at most 63");
        }
        if (!scope.region().equals(str(in, "location"))) {
            throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "Location \"" + str(in, "location")
                    + "\" is not the provider's region " + scope.region());
        }
        oneOf(in, "format", FORMATS);
        if (in.containsKey("dockerConfig") && !"DOCKER".equals(str(in, "format"))) {
            throw error(ProviderException.Kind.INVALID_INPUT, 400, "invalidArgument", "dockerConfig is only for a DOCKER repository");
        }
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return "projects/" + project(scope) + "/locations/" + str(in, "location") + "/repositories/" + str(in, "repositoryId");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        String format = str(in, "format").toLowerCase(Locale.ROOT);
        String now = scope.now().toString();
        return Props.builder()
                .put("name", id)
                .put("registryUri", str(in, "location") + "-" + format + ".pkg.dev/" + project(scope) + "/" + str(in, "repositoryId"))
                .put("createTime", now)
                .put("updateTime", now)
                .build();
    }

    @Override
    public Props updated(SimObject current, Props in, SimScope scope) {
        return current.computed().with("updateTime", s(scope.now().toString()));
    }
}
