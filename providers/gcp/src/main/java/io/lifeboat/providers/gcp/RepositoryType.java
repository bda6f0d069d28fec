package io.lifeboat.providers.gcp;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.devtools.artifactregistry.v1.CreateRepositoryRequest;
import com.google.devtools.artifactregistry.v1.DeleteRepositoryRequest;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.devtools.artifactregistry.v1.UpdateRepositoryRequest;
import com.google.protobuf.FieldMask;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:artifactregistry/repository:Repository}: an Artifact Registry repository in a
 * location, its labels carrying the URN's mark; made and deleted by long-running operations,
 * its description, labels and docker settings changed in place. Its {@code registryUri} is what
 * images are pushed to ({@code LOCATION-docker.pkg.dev/PROJECT/REPOSITORY}).
 */
final class RepositoryType extends GcpType {
    RepositoryType(GcpClients gcp) {
        super(GcpSchemas.REPOSITORY, gcp);
    }

    private String location(Props in) {
        return str(in, "location") == null ? region() : str(in, "location");
    }

    private ObjectNode repository(Props in, Urn urn, String existingMark) {
        ObjectNode o = ApiJson.object().put("format", str(in, "format"));
        if (str(in, "description") != null) o.put("description", str(in, "description"));
        if (in.get("dockerConfig") != null) o.set("dockerConfig", jsonObj(in, "dockerConfig"));
        o.set("labels", labels(in, urn, existingMark));
        return o;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String parent = "projects/" + project() + "/locations/" + location(in);
        String repo = str(in, "repositoryId");
        Repository body = ApiJson.merge(repository(in, urn, null), Repository.newBuilder()).build();
        com.google.longrunning.Operation op = GcpCall.run("repositories.create " + repo, () -> gcp.artifacts().createRepositoryCallable().call(
                CreateRepositoryRequest.newBuilder().setParent(parent).setRepositoryId(repo).setRepository(body).build()));
        operations.artifacts(ctx, "waiting for repository " + repo, op);
        return created(parent + "/repositories/" + repo, inputs, ctx);
    }

    @Override
    protected Optional<JsonNode> get(String id) throws ProviderException {
        return GcpCall.find("repositories.get " + id, () -> ApiJson.json(gcp.artifacts().getRepository(id)));
    }

    @Override
    protected View seen(String id, JsonNode o, Props g) throws ProviderException {
        String location = id.split("/")[3];
        String format = o.path("format").asText();
        Props seen = Props.builder().put("repositoryId", last(id)).put("location", location).put("format", format)
                .put("description", v(o.get("description")))
                .put("dockerConfig", g.containsKey("dockerConfig") ? like(g.get("dockerConfig"), o.path("dockerConfig")) : PropertyValue.NULL)
                .put("labels", labelsSeen(o.get("labels"))).build();
        String uri = location + "-" + format.toLowerCase(java.util.Locale.ROOT) + ".pkg.dev/" + project() + "/" + last(id);
        Props computed = Props.builder().put("name", v(o.get("name"))).put("registryUri", uri)
                .put("createTime", v(o.get("createTime"))).put("updateTime", v(o.get("updateTime"))).build();
        return new View(seen, computed);
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        JsonNode now = get(id).orElseThrow(() -> notFound("NotFound", "repository " + id + " is gone"));
        ObjectNode body = repository(in, null, markOf(now.get("labels"))).put("name", id);
        body.remove("format");
        FieldMask.Builder mask = FieldMask.newBuilder().addPaths("description").addPaths("labels");
        if (body.has("dockerConfig")) mask.addPaths("docker_config");
        Repository repo = ApiJson.merge(body, Repository.newBuilder()).build();
        GcpCall.run("repositories.patch " + id, () -> gcp.artifacts().updateRepository(UpdateRepositoryRequest.newBuilder()
                .setRepository(repo).setUpdateMask(mask).build()));
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        Optional<com.google.longrunning.Operation> op = GcpCall.find("repositories.delete " + id,
                () -> gcp.artifacts().deleteRepositoryCallable().call(DeleteRepositoryRequest.newBuilder().setName(id).build()));
        if (op.isPresent()) {
            try {
                operations.artifacts(ctx, "waiting for repository " + last(id) + " to be deleted", op.get());
            } catch (ProviderException e) {
                if (e.kind() != ProviderException.Kind.NOT_FOUND) throw e;
            }
        }
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String id = "projects/" + project() + "/locations/" + location(inputs) + "/repositories/" + str(inputs, "repositoryId");
        return get(id).filter(o -> marked(o.get("labels"), urn)).map(o -> id);
    }
}
