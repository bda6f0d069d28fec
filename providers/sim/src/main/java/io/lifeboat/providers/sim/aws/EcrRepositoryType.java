package io.lifeboat.providers.sim.aws;

import static io.lifeboat.program.aws.AwsSchemas.ECR_REPOSITORY;

import io.lifeboat.provider.ProviderException;
import io.lifeboat.providers.sim.SimErrors;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.resource.Props;

/** {@code aws:ecr/repository:Repository}: a lowercase name, unique in the region's registry. */
final class EcrRepositoryType extends AwsSimType {
    private static final String NAME = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";

    EcrRepositoryType() {
        super(ECR_REPOSITORY);
    }

    @Override
    public boolean holdsImages() {
        return true;
    }

    @Override
    public String notFoundCode() {
        return "RepositoryNotFoundException";
    }

    @Override
    public void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        String name = str(in, "name");
        if (name.length() < 2 || name.length() > 256 || !name.matches(NAME)) {
            throw bad("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '" + NAME + "'': " + name);
        }
        String mutability = str(in, "imageTagMutability");
        if (mutability != null && !mutability.matches("MUTABLE|IMMUTABLE")) throw bad("imageTagMutability must be MUTABLE or IMMUTABLE");
    }

    /** ECR refuses to delete a repository that holds images unless it is forced. */
    @Override
    public void beforeDelete(SimObject o, SimScope scope) throws ProviderException {
        if (!EcrImages.of(o).isEmpty() && !bool(o.inputs(), "forceDelete", false)) {
            throw SimErrors.conflict("RepositoryNotEmptyException", "The repository with name '" + o.id() + "' in registry with id '"
                    + scope.account() + "' cannot be deleted because it still contains images");
        }
    }

    @Override
    public String uniqueKey(Props in) {
        return str(in, "name");
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return SimErrors.conflict("RepositoryAlreadyExistsException", "The repository with name '" + str(in, "name")
                + "' already exists in the registry with id '" + existing.computed().string("registryId") + "'");
    }

    @Override
    public String newId(Props in, SimScope scope) {
        return str(in, "name");
    }

    @Override
    public Props computed(String id, Props in, SimScope scope) {
        return Props.builder()
                .put("arn", scope.arn("ecr", "repository/" + id))
                .put("registryId", scope.account())
                .put("repositoryUrl", scope.account() + ".dkr.ecr." + scope.region() + ".amazonaws.com/" + id)
                .build();
    }

    @Override
    public Props outputDefaults(SimScope scope) {
        return Props.builder().put("imageTagMutability", "MUTABLE").put("forceDelete", false).build();
    }
}
