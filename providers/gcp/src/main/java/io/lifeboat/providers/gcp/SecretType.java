package io.lifeboat.providers.gcp;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.UpdateSecretRequest;
import com.google.protobuf.FieldMask;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:secretmanager/secret:Secret}: a Secret Manager secret of the project, its data held
 * in each location of its user-managed replication (pulumi-gcp's {@code auto} is the API's
 * {@code automatic}); its labels carry the URN's mark. Labels and annotations change in place;
 * the replication cannot.
 */
final class SecretType extends GcpType {
    SecretType(GcpClients gcp) {
        super(GcpSchemas.SECRET, gcp);
    }

    private ObjectNode secret(Props in, Urn urn, String existingMark) {
        ObjectNode o = ApiJson.object();
        ObjectNode replication = jsonObj(in, "replication");
        if (replication.has("auto")) replication.set("automatic", replication.remove("auto"));
        o.set("replication", replication);
        if (in.get("annotations") != null) o.set("annotations", jsonObj(in, "annotations"));
        o.set("labels", labels(in, urn, existingMark));
        return o;
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String secretId = str(in, "secretId");
        Secret body = ApiJson.merge(secret(in, urn, null), Secret.newBuilder()).build();
        GcpCall.run("secrets.create " + secretId, () -> gcp.secrets().createSecret(CreateSecretRequest.newBuilder()
                .setParent("projects/" + project()).setSecretId(secretId).setSecret(body).build()));
        return created("projects/" + project() + "/secrets/" + secretId, inputs, ctx);
    }

    @Override
    protected Optional<JsonNode> get(String id) throws ProviderException {
        return GcpCall.find("secrets.get " + id, () -> ApiJson.json(gcp.secrets().getSecret(id)));
    }

    @Override
    protected View seen(String id, JsonNode o, Props g) throws ProviderException {
        ObjectNode replication = o.path("replication").isObject() ? ((ObjectNode) o.path("replication")).deepCopy() : ApiJson.object();
        if (replication.has("automatic")) replication.set("auto", replication.remove("automatic"));
        Props seen = Props.builder().put("secretId", last(id))
                .put("replication", g.containsKey("replication") ? like(g.get("replication"), replication) : ApiJson.value(replication))
                .put("annotations", v(o.get("annotations"))).put("labels", labelsSeen(o.get("labels"))).build();
        return new View(seen, Props.builder().put("name", id).put("createTime", v(o.get("createTime"))).build());
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        Props in = clean(newInputs);
        JsonNode now = get(id).orElseThrow(() -> notFound("NotFound", "secret " + id + " is gone"));
        ObjectNode body = secret(in, null, markOf(now.get("labels"))).put("name", id);
        body.remove("replication");
        if (!body.has("annotations")) body.putObject("annotations");
        Secret s = ApiJson.merge(body, Secret.newBuilder()).build();
        GcpCall.run("secrets.patch " + id, () -> gcp.secrets().updateSecret(UpdateSecretRequest.newBuilder().setSecret(s)
                .setUpdateMask(FieldMask.newBuilder().addPaths("labels").addPaths("annotations")).build()));
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        GcpCall.find("secrets.delete " + id, () -> {
            gcp.secrets().deleteSecret(id);
            return Boolean.TRUE;
        });
    }

    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        String id = "projects/" + project() + "/secrets/" + str(inputs, "secretId");
        return get(id).filter(o -> marked(o.get("labels"), urn)).map(o -> id);
    }

}
