package io.lifeboat.providers.aws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.lifeboat.program.aws.AwsSchemas;
import io.lifeboat.provider.OperationContext;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.Urn;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * {@code aws:secretsmanager/secretVersion:SecretVersion}: a value of a secret, its id
 * {@code <secret ARN>|<version id>}. The client request token comes from the URN and a digest of
 * the value, so a retried put makes no second version; the value is never read back (reads
 * keep the engine's, which the state holds encrypted), nor put in a message.
 */
final class SecretVersionType extends AwsType {
    SecretVersionType(AwsClients aws) {
        super(AwsSchemas.SECRET_VERSION, aws);
    }

    private SecretsManagerClient sm() {
        return aws.secrets();
    }

    static String token(Urn urn, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return clientToken(urn, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public Created create(Urn urn, Props inputs, OperationContext ctx) throws ProviderException {
        Props in = clean(inputs);
        String secret = str(in, "secretId");
        String value = str(in, "secretString");
        var put = poll.consistent(ctx, "putting a value on " + secret, () -> AwsCall.run(in("PutSecretValue"),
                () -> sm().putSecretValue(r -> r.secretId(secret).secretString(value).clientRequestToken(token(urn, value)))));
        return created(put.arn() + "|" + put.versionId(), in, ctx);
    }

    private static String[] split(String id) {
        int bar = id.lastIndexOf('|');
        return bar < 0 ? new String[] {id, ""} : new String[] {id.substring(0, bar), id.substring(bar + 1)};
    }

    @Override
    protected Optional<View> view(String id, Props given, OperationContext ctx) throws ProviderException {
        String[] parts = split(id);
        Optional<DescribeSecretResponse> s = AwsCall.find(in("DescribeSecret"), () -> sm().describeSecret(r -> r.secretId(parts[0])));
        if (s.isEmpty() || s.get().deletedDate() != null) return Optional.empty();
        Map<String, List<String>> versions = s.get().versionIdsToStages();
        if (versions != null && !versions.isEmpty() && !versions.containsKey(parts[1])) return Optional.empty();
        return Optional.of(new View(Props.EMPTY, Props.builder().put("arn", parts[0]).put("versionId", parts[1]).build()));
    }

    @Override
    public Props update(String id, Props oldOutputs, Props newInputs, OperationContext ctx) throws ProviderException {
        return current(id, clean(newInputs), ctx);
    }

    /** A version goes with its secret; the current one cannot be taken off it alone, and an older one just ages out. */
    @Override
    public void delete(String id, Props outputs, OperationContext ctx) throws ProviderException {
    }
}
