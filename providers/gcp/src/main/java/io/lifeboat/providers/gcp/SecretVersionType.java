package io.lifeboat.providers.gcp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;

/**
 * {@code gcp:secretmanager/secretVersion:SecretVersion}: a version of a secret, holding
 * {@code secretData} (sent with its CRC32C, as the API checks it); a destroyed version is gone.
 * Its id is the version's name. The data is never read back into the state; a version whose
 * create was lost is found again by holding the same data.
 */
final class SecretVersionType extends GcpType {
    SecretVersionType(GcpClients gcp) {
        super(GcpSchemas.SECRET_VERSION, gcp);
    }

    private static SecretPayload payload(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return SecretPayload.newBuilder().setData(ByteString.copyFrom(bytes)).setDataCrc32C(crc.getValue()).build();
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String secret = str(in, "secret");
        SecretVersion made = GcpCall.run("secrets.addVersion " + secret, () -> gcp.secrets().addSecretVersion(AddSecretVersionRequest.newBuilder()
                .setParent(secret).setPayload(payload(str(in, "secretData"))).build()));
        if (Boolean.FALSE.equals(bool(in, "enabled"))) GcpCall.run("versions.disable " + made.getName(), () -> gcp.secrets().disableSecretVersion(made.getName()));
        return created(made.getName(), inputs, ctx);
    }

    private Optional<SecretVersion> version(String id) throws ProviderException {
        return GcpCall.find("versions.get " + id, () -> gcp.secrets().getSecretVersion(id))
                .filter(v -> v.getState() != SecretVersion.State.DESTROYED);
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        Optional<SecretVersion> got = version(id);
        if (got.isEmpty()) return Optional.empty();
        SecretVersion v = got.get();
        Props g = clean(given);
        String secret = id.substring(0, id.indexOf("/versions/"));
        Props.Builder seen = Props.builder()
                .put("secret", str(g, "secret") != null && last(str(g, "secret")).equals(last(secret)) ? str(g, "secret") : secret)
                .put("enabled", v.getState() == SecretVersion.State.ENABLED);
        if (g.containsKey("secretData")) seen.put("secretData", g.get("secretData"));
        Props computed = Props.builder().put("name", id).put("version", last(id))
                .put("createTime", v.hasCreateTime() ? java.time.Instant.ofEpochSecond(v.getCreateTime().getSeconds()).toString() : null).build();
        return Optional.of(new View(seen.build(), computed));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        boolean enabled = bool(clean(newInputs), "enabled", true);
        if (enabled) GcpCall.run("versions.enable " + id, () -> gcp.secrets().enableSecretVersion(id));
        else GcpCall.run("versions.disable " + id, () -> gcp.secrets().disableSecretVersion(id));
        return current(id, newInputs, ctx);
    }

    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
        if (version(id).isEmpty()) return;
        GcpCall.find("versions.destroy " + id, () -> gcp.secrets().destroySecretVersion(id));
    }

    /** The newest version of the secret that holds exactly this data. */
    @Override
    protected Optional<String> idForUrn(Urn urn, Props inputs) throws ProviderException {
        Props in = clean(inputs);
        String secret = str(in, "secret");
        String data = str(in, "secretData");
        if (secret == null || data == null) return Optional.empty();
        List<SecretVersion> versions = new ArrayList<>();
        GcpCall.find("versions.list " + secret, () -> {
            for (SecretVersion v : gcp.secrets().listSecretVersions(secret).iterateAll()) {
                if (v.getState() == SecretVersion.State.ENABLED) versions.add(v);
            }
            return Boolean.TRUE;
        });
        versions.sort((a, b) -> Long.compare(Long.parseLong(last(b.getName())), Long.parseLong(last(a.getName()))));
        for (SecretVersion v : versions) {
            String held = GcpCall.run("versions.access " + v.getName(), () -> gcp.secrets().accessSecretVersion(v.getName()).getPayload().getData()
                    .toString(StandardCharsets.UTF_8));
            if (held.equals(data)) return Optional.of(v.getName());
        }
        return Optional.empty();
    }

}
