package io.lifeboat.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;

class CheckpointCodecTest {
    static final char[] PASS = "correct horse battery staple".toCharArray();

    static Snapshot sample() {
        Urn stack = new Urn("dev", "proj", Urn.STACK_TYPE, "proj-dev");
        Urn provider = new Urn("dev", "proj", "pulumi:providers:aws", "aws-us-east-1");
        Urn vpc = Urn.of("dev", "proj", stack, "aws:ec2/vpc:Vpc", "vpc");
        Props vpcInputs = Props.builder().put("cidrBlock", "10.0.0.0/16").put("enableDnsHostnames", true)
                .put("password", new PropertyValue.Secret(PropertyValue.of("hunter2-secret"))).build();
        return new Snapshot(java.time.Instant.parse("2026-11-21T22:00:00Z"), List.of(
                new ResourceState(stack, false, null, Props.EMPTY, Props.builder().put("vpcId", "vpc-0abc").build(), null, false, false,
                        List.of(), Map.of(), null, false, null, null),
                new ResourceState(provider, true, "3b1e9bb4", Props.builder().put("region", "us-east-1").build(),
                        Props.builder().put("region", "us-east-1").build(), null, false, false, List.of(), Map.of(), null, false, null, null),
                new ResourceState(vpc, true, "vpc-0abc", vpcInputs, vpcInputs.with("id", PropertyValue.of("vpc-0abc"))
                        .with("maybe", PropertyValue.UNKNOWN), stack, true, true, List.of(), Map.of("cidrBlock", List.of()),
                        ResourceState.providerRef(provider, "3b1e9bb4"), false,
                        new ResourceOptions.CustomTimeouts(java.time.Duration.ofMinutes(5), null, null), "specs/platform.yaml:8:11")),
                List.of(), StackMetadata.fresh("dev"));
    }

    @Test
    void writesACheckpointThatPulumisSchemaAccepts() throws Exception {
        CheckpointCodec codec = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS));
        byte[] bytes = codec.write(sample());
        assertThat(PulumiSchemas.validate(new ObjectMapper().readTree(bytes))).isEmpty();
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("hunter2-secret").contains(CheckpointCodec.SECRET_SIG);
    }

    @Test
    void theExampleFromSharedValidatesToo() throws Exception {
        byte[] bytes = Files.readAllBytes(PulumiSchemas.dir().resolve("example-stack-export.json"));
        assertThat(PulumiSchemas.validate(new ObjectMapper().readTree(bytes))).isEmpty();
        Snapshot s = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).read(bytes, "example");
        assertThat(s.resources()).hasSize(3);
        assertThat(s.resources().get(2).protect()).isTrue();
    }

    @Test
    void roundTripsEveryField() {
        CheckpointCodec codec = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS));
        Snapshot original = sample();
        byte[] bytes = codec.write(original);
        CheckpointCodec reader = new CheckpointCodec(SecretsCrypter.existing(() -> PASS, CheckpointCodec.saltOf(bytes)));
        Snapshot back = reader.read(bytes, "test");
        assertThat(back.resources()).isEqualTo(original.resources());
        assertThat(back.metadata()).isEqualTo(original.metadata());
    }

    @Test
    void writesOnlyDependencyEdgesAndReadsEmptyListsAsNone() throws Exception {
        CheckpointCodec codec = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS));
        Snapshot original = sample();
        byte[] bytes = codec.write(original);
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode vpc = json.readTree(bytes).at("/deployment/resources/2");
        assertThat(vpc.get("urn").asText()).endsWith("::vpc");
        // the vpc depends on nothing: neither the empty list nor the property with no edge is written, as Pulumi leaves them out
        assertThat(vpc.has("dependencies")).isFalse();
        assertThat(vpc.has("propertyDependencies")).isFalse();
        assertThat(original.resources().get(2).propertyDependencies()).isEmpty();

        // as an older Lifeboat (or Pulumi) wrote it, with the empty list and the property with no edge: the same state
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(bytes);
        com.fasterxml.jackson.databind.node.ObjectNode dep = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("deployment");
        com.fasterxml.jackson.databind.node.ObjectNode olderVpc = (com.fasterxml.jackson.databind.node.ObjectNode) dep.get("resources").get(2);
        olderVpc.putArray("dependencies");
        olderVpc.putObject("propertyDependencies").putArray("cidrBlock");
        byte[] older = resealed(root);
        assertThat(new String(older, StandardCharsets.UTF_8)).contains("\"propertyDependencies\":{\"cidrBlock\":[]}");
        Snapshot back = CheckpointCodec.forCheckpoint(older, () -> PASS).read(older, "older.json");
        assertThat(back.resources()).isEqualTo(original.resources());
    }

    @Test
    void sourcesThatNoLongerLineUpWithTheResourcesAreLeftOutNotGuessedAt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(sample()));
        // the provider taken out by hand (and the checksum made again): the vpc is now second, its source still third
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("deployment").get("resources")).remove(1);
        byte[] edited = resealed(root);
        Snapshot read = CheckpointCodec.forCheckpoint(edited, () -> PASS).read(edited, "s.json");
        // the state reads (a source only names a spec line in messages); no resource is given another's source
        assertThat(read.resources()).hasSize(2).allSatisfy(r -> assertThat(r.source()).isNull());
        assertThat(read.resources().get(1).urn().name()).isEqualTo("vpc");
        assertThat(read.resources().get(1).retainOnDelete()).isTrue();
    }

    /** The checkpoint, its checksum made again over its deployment as compact JSON (as an older Lifeboat, or a hand, wrote it). */
    private static byte[] resealed(com.fasterxml.jackson.databind.node.ObjectNode root) throws Exception {
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode dep = root.get("deployment");
        com.fasterxml.jackson.databind.node.ObjectNode lifeboat = (com.fasterxml.jackson.databind.node.ObjectNode) dep.get("metadata").get("lifeboat");
        lifeboat.put("checksum", "");
        lifeboat.put("checksum",
                "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(dep))));
        return json.writeValueAsBytes(root);
    }

    @Test
    void aPrettyPrintedCheckpointWithItsSaltAfterItsResourcesReadsAsAnOlderLifeboatWroteIt() throws Exception {
        CheckpointCodec codec = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS));
        Snapshot original = sample();
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(codec.write(original));
        com.fasterxml.jackson.databind.node.ObjectNode dep = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("deployment");
        // an older Lifeboat wrote the secrets provider after the resources, what it keeps of them by URN, and indented; the
        // checksum is over the compact JSON
        com.fasterxml.jackson.databind.JsonNode secrets = dep.remove("secrets_providers");
        com.fasterxml.jackson.databind.JsonNode metadata = dep.remove("metadata");
        dep.set("secrets_providers", secrets);
        dep.set("metadata", metadata);
        com.fasterxml.jackson.databind.node.ObjectNode byUrn = json.createObjectNode();
        for (com.fasterxml.jackson.databind.JsonNode e : metadata.get("lifeboat").get("resources")) {
            byUrn.set(e.get("urn").asText(), ((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy()).without("urn"));
        }
        // and each resource's source in its object by URN, not in a table
        com.fasterxml.jackson.databind.JsonNode sources = ((com.fasterxml.jackson.databind.node.ObjectNode) metadata.get("lifeboat")).remove("sources");
        for (int i = 0; i < sources.get("resources").size(); i++) {
            int at = sources.get("resources").get(i).asInt();
            if (at < 0) continue;
            String urn = dep.get("resources").get(i).get("urn").asText();
            if (!byUrn.has(urn)) byUrn.putObject(urn);
            ((com.fasterxml.jackson.databind.node.ObjectNode) byUrn.get(urn)).put("source", sources.get("table").get(at).asText());
        }
        ((com.fasterxml.jackson.databind.node.ObjectNode) metadata.get("lifeboat")).set("resources", byUrn);
        ((com.fasterxml.jackson.databind.node.ObjectNode) metadata.get("lifeboat")).put("checksum", "");
        ((com.fasterxml.jackson.databind.node.ObjectNode) metadata.get("lifeboat")).put("checksum",
                "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(dep))));
        byte[] older = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);

        Snapshot back = CheckpointCodec.forCheckpoint(older, () -> PASS).read(older, "older.json");
        assertThat(back.resources()).isEqualTo(original.resources());
        assertThat(back.metadata()).isEqualTo(original.metadata());
        // its metadata last, after its resources: read through to it
        assertThat(CheckpointCodec.readMetadata(older, "older.json")).isEqualTo(original.metadata());
        byte[] tampered = new String(older, StandardCharsets.UTF_8).replace("10.0.0.0/16", "10.9.0.0/16").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CheckpointCodec.forCheckpoint(tampered, () -> PASS).read(tampered, "older.json"))
                .isInstanceOf(DamagedCheckpointException.class).hasMessageContaining("checksum");
    }

    @Test
    void aPartOfTheWrongShapeIsNamedByItsPathBeforeTheChecksum() {
        CheckpointCodec codec = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS));
        String good = new String(codec.write(sample()), StandardCharsets.UTF_8);
        String badInputs = good.replaceFirst("\"inputs\":\\{\\}", "\"inputs\":[]");
        assertThatThrownBy(() -> codec.read(badInputs.getBytes(StandardCharsets.UTF_8), "s.json"))
                .isInstanceOf(DamagedCheckpointException.class).hasMessageContaining("s.json: deployment.resources[0].inputs: expected an object, found a list");
        assertThat(good).contains("\"sources\":{\"table\":[\"specs/platform.yaml:8:11\"],\"resources\":[-1,-1,0]}");
        String badSource = good.replace("\"table\":[\"specs/platform.yaml:8:11\"]", "\"table\":[8]");
        assertThatThrownBy(() -> codec.read(badSource.getBytes(StandardCharsets.UTF_8), "s.json"))
                .isInstanceOf(DamagedCheckpointException.class)
                .hasMessageContaining("deployment.metadata.lifeboat.sources.table[0]: expected a string, found 8");
        String badIndex = good.replace("\"resources\":[-1,-1,0]", "\"resources\":[-1,-1,1]");
        assertThatThrownBy(() -> codec.read(badIndex.getBytes(StandardCharsets.UTF_8), "s.json"))
                .isInstanceOf(DamagedCheckpointException.class)
                .hasMessageContaining("deployment.metadata.lifeboat.sources.resources[2]: 1 is not an index in sources.table (1 places) nor -1");

        String badType = good.replace("\"type\":\"aws:ec2/vpc:Vpc\"", "\"type\":\"aws:ec2/subnet:Subnet\"");
        assertThatThrownBy(() -> codec.read(badType.getBytes(StandardCharsets.UTF_8), "s.json"))
                .hasMessageContaining("deployment.resources[2].type: \"aws:ec2/subnet:Subnet\" is not the type its URN names (aws:ec2/vpc:Vpc)");
        String badDependency = good.replace("\"type\":\"aws:ec2/vpc:Vpc\"", "\"type\":\"aws:ec2/vpc:Vpc\",\"propertyDependencies\":{\"cidrBlock\":[\"x\"]}");
        assertThatThrownBy(() -> codec.read(badDependency.getBytes(StandardCharsets.UTF_8), "s.json"))
                .hasMessageContaining("deployment.resources[2].propertyDependencies.cidrBlock[0]: not a URN: \"x\"");
    }

    @Test
    void aSecretThatDoesNotOpenIsNamedByItsResourceOnceTheChecksumHolds() {
        byte[] bytes = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(sample());
        CheckpointCodec reader = new CheckpointCodec(SecretsCrypter.existing(() -> "wrong".toCharArray(), CheckpointCodec.saltOf(bytes)));
        assertThatThrownBy(() -> reader.read(bytes, "s.json")).isInstanceOf(StateException.class)
                .hasMessageContaining("s.json: deployment.resources[2].inputs (urn:pulumi:dev::proj::pulumi:pulumi:Stack$aws:ec2/vpc:Vpc::vpc)");
        // the same bytes changed: the checksum is named, not the secret
        byte[] changed = new String(bytes, StandardCharsets.UTF_8).replace("10.0.0.0/16", "10.9.0.0/16").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> reader.read(changed, "s.json")).hasMessageContaining("checksum");
    }

    @Test
    void secretsNestedInListsAndObjectsAndInPendingOperationsRoundTrip() {
        Snapshot base = sample();
        ResourceState vpc = base.resources().get(2);
        PropertyValue.Secret token = new PropertyValue.Secret(PropertyValue.of("tok-en"));
        Props nested = Props.builder().put("env", new PropertyValue.Arr(List.of(PropertyValue.of("plain"),
                        new PropertyValue.Obj(Props.builder().put("value", token).put("name", "TOKEN").build()), token)))
                .put("key", new PropertyValue.Secret(new PropertyValue.Obj(Props.builder().put("id", "key-id-1").build()))).build();
        ResourceState withNested = vpc.withObserved(nested, vpc.outputs());
        ResourceState creating = base.resources().get(1).withObserved(Props.builder().put("apiKey", token).build(), Props.EMPTY);
        Snapshot original = new Snapshot(base.time(), List.of(base.resources().get(0), base.resources().get(1), withNested), List.of(
                new PendingOperation(creating, "creating")), base.metadata());
        byte[] bytes = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(original);
        // a hyphen is in no ciphertext (base64) nor salt: only a secret in clear could put these in
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("tok-en").doesNotContain("key-id-1");

        Snapshot back = CheckpointCodec.forCheckpoint(bytes, () -> PASS).read(bytes, "s.json");
        assertThat(back.resources()).isEqualTo(original.resources());
        assertThat(back.pending()).isEqualTo(original.pending());
    }

    @Test
    void ofTwoValuesThatCannotBeReadTheFirstInTheCheckpointIsNamed() throws Exception {
        // resources[1] holds a ciphertext that does not open and resources[2] a clear-text
        // secret that is not JSON: the first in the checkpoint is named, whichever way round
        String bad = "{\"" + CheckpointCodec.SIG + "\":\"" + CheckpointCodec.SECRET_SIG + "\",\"ciphertext\":\"v1:AAAAAAAAAAAAAAAA:AAAA\"}";
        String notJson = "{\"" + CheckpointCodec.SIG + "\":\"" + CheckpointCodec.SECRET_SIG + "\",\"plaintext\":\"{not json\"}";
        assertThatThrownBy(() -> readWithSecrets(bad, notJson)).isInstanceOf(StateException.class)
                .hasMessageContaining("s.json: deployment.resources[1].inputs").hasMessageContaining("damaged");
        assertThatThrownBy(() -> readWithSecrets(notJson, bad)).isInstanceOf(StateException.class)
                .hasMessageContaining("s.json: deployment.resources[1].inputs").hasMessageContaining("does not hold JSON");
    }

    /** The sample with the first secret JSON in the inputs of resources[1] and the second in those of resources[2], its checksum made again. */
    private static Snapshot readWithSecrets(String first, String second) throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] bytes = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(sample());
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(bytes);
        com.fasterxml.jackson.databind.node.ObjectNode dep = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("deployment");
        ((com.fasterxml.jackson.databind.node.ObjectNode) dep.get("resources").get(1).get("inputs")).set("x", json.readTree(first));
        ((com.fasterxml.jackson.databind.node.ObjectNode) dep.get("resources").get(2).get("inputs")).set("x", json.readTree(second));
        com.fasterxml.jackson.databind.node.ObjectNode lifeboat = (com.fasterxml.jackson.databind.node.ObjectNode) dep.get("metadata").get("lifeboat");
        lifeboat.put("checksum", "");
        lifeboat.put("checksum", "sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(dep))));
        byte[] changed = json.writeValueAsBytes(root);
        return CheckpointCodec.forCheckpoint(changed, () -> PASS).read(changed, "s.json");
    }

    @Test
    void aWrongPassphraseIsRefusedWithAClearMessage() {
        byte[] bytes = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(sample());
        CheckpointCodec reader = new CheckpointCodec(SecretsCrypter.existing(() -> "wrong".toCharArray(), CheckpointCodec.saltOf(bytes)));
        assertThatThrownBy(() -> reader.read(bytes, "test")).isInstanceOf(StateException.class).hasMessageContaining("passphrase");
    }

    @Test
    void aPassphraseThatFailsTheCheckStaysRefusedAndSealsNothing() {
        SecretsCrypter right = SecretsCrypter.fresh(() -> PASS);
        right.unlock();
        SecretsCrypter wrong = SecretsCrypter.existing(() -> "wrong".toCharArray(), right.saltState());
        assertThatThrownBy(wrong::unlock).isInstanceOf(StateException.class).hasMessageContaining("passphrase does not open");
        // asked again, it is refused again: the key that failed the check was never kept, so no secret is sealed with it
        assertThatThrownBy(wrong::unlock).isInstanceOf(StateException.class).hasMessageContaining("passphrase does not open");
        assertThatThrownBy(() -> wrong.encrypt("new secret")).isInstanceOf(StateException.class).hasMessageContaining("passphrase does not open");
    }

    @Test
    void aMissingPassphraseIsNeededOnlyWhenSecretsAre() {
        Snapshot noSecrets = Snapshot.empty("dev");
        byte[] bytes = new CheckpointCodec(SecretsCrypter.fresh(() -> null)).write(noSecrets);
        assertThat(new CheckpointCodec(SecretsCrypter.existing(() -> null, CheckpointCodec.saltOf(bytes))).read(bytes, "t").resources()).isEmpty();
        assertThatThrownBy(() -> new CheckpointCodec(SecretsCrypter.fresh(() -> null)).write(sample()))
                .isInstanceOf(StateException.class).hasMessageContaining("LIFEBOAT_PASSPHRASE");
    }

    @Test
    void theMetadataComesBeforeTheResourcesAndIsReadAloneWithoutThem() {
        Snapshot sample = sample();
        Snapshot marked = sample.with(sample.resources(), List.of(), sample.metadata().next(null, null, "secondary").withLost(true));
        byte[] bytes = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS)).write(marked);
        String json = new String(bytes, StandardCharsets.UTF_8);
        int metadata = json.indexOf("\"metadata\":{\"lifeboat\":{");
        assertThat(metadata).isPositive().isLessThan(json.indexOf("\"resources\":[{\"urn\""));
        // within it, its own fields and the checksum first, then what it keeps of each resource
        assertThat(json.indexOf("\"checksum\":\"", metadata)).isLessThan(json.indexOf("\"resources\":[", metadata));

        // cut short in its resources: the metadata alone still reads (a role, a lost mark), the whole is refused
        byte[] cut = java.util.Arrays.copyOf(bytes, json.indexOf("\"resources\":[{\"urn\"") + 40);
        StackMetadata alone = CheckpointCodec.readMetadata(cut, "cut.json");
        assertThat(alone.role()).isEqualTo("secondary");
        assertThat(alone.lost()).isTrue();
        assertThat(alone).isEqualTo(marked.metadata());
        assertThatThrownBy(() -> CheckpointCodec.forCheckpoint(cut, () -> PASS).read(cut, "cut.json"))
                .isInstanceOf(DamagedCheckpointException.class).hasMessageContaining("truncated");
    }

    @Test
    void aChangedOrTruncatedCheckpointIsDetected() {
        CheckpointCodec codec = new CheckpointCodec(SecretsCrypter.fresh(() -> PASS));
        byte[] bytes = codec.write(sample());
        String tampered = new String(bytes, StandardCharsets.UTF_8).replace("10.0.0.0/16", "10.9.0.0/16");
        assertThatThrownBy(() -> codec.read(tampered.getBytes(StandardCharsets.UTF_8), "state.json"))
                .isInstanceOf(StateException.class).hasMessageContaining("checksum");
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> codec.read(truncated, "state.json"))
                .isInstanceOf(StateException.class).hasMessageContaining("truncated");
    }
}
