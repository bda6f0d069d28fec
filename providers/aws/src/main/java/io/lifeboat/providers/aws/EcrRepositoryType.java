package io.lifeboat.providers.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.HoldsImages;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * {@code aws:ecr/repository:Repository}: an image repository; its id is its name. Its images are
 * listed with ListImages; one is copied into it from another region's repository with Jib, each
 * side logged in with its own region's GetAuthorizationToken.
 */
final class EcrRepositoryType extends AwsType implements HoldsImages {
    private final JibImageCopier copier = new JibImageCopier();

    EcrRepositoryType(AwsClients aws) {
        super(AwsSchemas.ECR_REPOSITORY, aws);
    }

    private EcrClient ecr() {
        return aws.ecr();
    }

    private static List<Tag> tags(Map<String, String> map) {
        return tagList(map, (k, v) -> Tag.builder().key(k).value(v).build());
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String name = str(in, "name");
        AwsCall.run(in("CreateRepository"), () -> ecr().createRepository(r -> r.repositoryName(name)
                .imageTagMutability(str(in, "imageTagMutability")).tags(tags(markedTags(in, urn)))));
        return created(name, in, ctx);
    }

    private Optional<Repository> describe(String name) throws ProviderException {
        return AwsCall.find(in("DescribeRepositories"), () -> ecr().describeRepositories(r -> r.repositoryNames(name)).repositories()
                .stream().findFirst().orElse(null));
    }

    private Map<String, String> tagsOf(String arn) throws ProviderException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tag t : AwsCall.run(in("ListTagsForResource"), () -> ecr().listTagsForResource(r -> r.resourceArn(arn)).tags())) out.put(t.key(), t.value());
        return out;
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<Repository> found = describe(id);
        if (found.isEmpty()) return Optional.empty();
        Repository r = found.get();
        Props seen = Props.builder().put("name", r.repositoryName()).put("imageTagMutability", r.imageTagMutabilityAsString())
                .put("tags", tagsValue(tagsOf(r.repositoryArn()))).build();
        return Optional.of(new View(seen, Props.builder().put("arn", r.repositoryArn()).put("registryId", r.registryId())
                .put("repositoryUrl", r.repositoryUri()).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        String mutability = str(in, "imageTagMutability");
        if (mutability != null && !mutability.equals(str(oldOutputs, "imageTagMutability"))) {
            AwsCall.run(in("PutImageTagMutability"), () -> ecr().putImageTagMutability(r -> r.repositoryName(id).imageTagMutability(mutability)));
        }
        TagChange change = tagChange(oldOutputs, in);
        String arn = str(oldOutputs, "arn");
        if (!change.removed().isEmpty()) AwsCall.run(in("UntagResource"), () -> ecr().untagResource(r -> r.resourceArn(arn).tagKeys(change.removed())));
        if (!change.set().isEmpty()) AwsCall.run(in("TagResource"), () -> ecr().tagResource(r -> r.resourceArn(arn).tags(tags(change.set()))));
        return current(id, in, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        boolean force = bool(outputs, "forceDelete", false);
        AwsCall.delete(in("DeleteRepository"), () -> ecr().deleteRepository(r -> r.repositoryName(id).force(force)));
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String name = str(clean(inputs), "name");
        if (name == null) return Optional.empty();
        Optional<Repository> r = describe(name);
        return r.isPresent() && marked(tagsOf(r.get().repositoryArn()), urn) ? Optional.of(name) : Optional.empty();
    }

    @Override
    public Set<String> images(String id, Props outputs, OperationContext ctx) throws ProviderException {
        // the pages are fetched as they are iterated, so inside the call that turns SDK errors into typed ones
        return AwsCall.run(in("ListImages"), () -> {
            Set<String> out = new TreeSet<>();
            for (ImageIdentifier image : ecr().listImagesPaginator(r -> r.repositoryName(id)).imageIds()) {
                if (image.imageTag() != null) out.add(image.imageTag());
                if (image.imageDigest() != null) out.add(image.imageDigest());
            }
            return out;
        });
    }

    @Override
    public Login login(String id, Props outputs, OperationContext ctx) throws ProviderException {
        AuthorizationData auth = AwsCall.run(in("GetAuthorizationToken"), () -> ecr().getAuthorizationToken(r -> { }).authorizationData().get(0));
        String token = new String(Base64.getDecoder().decode(auth.authorizationToken()), StandardCharsets.UTF_8);
        int colon = token.indexOf(':');
        String url = str(outputs, "repositoryUrl");
        if (url == null) url = URI.create(auth.proxyEndpoint()).getAuthority() + "/" + id;
        return new Login(url, token.substring(0, colon), new PropertyValue.Secret(PropertyValue.of(token.substring(colon + 1))));
    }

    @Override
    public void copyInto(String id, Props outputs, Login source, String reference, OperationContext ctx) throws ProviderException {
        if (reference.startsWith("sha256:")) {
            throw new ProviderException(ProviderException.Kind.INVALID_INPUT, "CopyByDigest", "an image named by digest (" + reference
                    + ") cannot be copied under that digest: Jib writes a new manifest; " + pushHint(id, outputs, reference));
        }
        Login target = login(id, outputs, ctx);
        try {
            copier.copy(source, target, reference);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.TIMEOUT, "Interrupted", "the copy into " + target.repositoryUrl() + " was interrupted", e);
        }
    }

    @Override
    public String pushHint(String id, Props outputs, String reference) {
        String url = str(outputs, "repositoryUrl");
        String host = url == null ? "<registry>" : url.substring(0, url.indexOf('/'));
        String image = (url == null ? id : url) + (reference.startsWith("sha256:") ? "@" : ":") + reference;
        return "`aws ecr get-login-password --region " + aws.region() + " | docker login --username AWS --password-stdin " + host
                + " && docker push " + image + "` (after `docker tag` of the local image as " + image + ")";
    }
}
