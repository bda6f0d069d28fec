package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.lifeboat.providers.sim.SimAdmin;

/**
 * No secret in clear, anywhere: a whole life cycle (validate, preview in every format, up, status,
 * state export, drill, outage, failover in every format, failback) runs in-process, and neither
 * its outputs nor any file it leaves (state, journals, history, locks, the sim's objects, region
 * files and change logs) holds the clear text of WAREHOUSE_PASSWORD or of the passphrase, nor
 * their base64 or hex. The API keys' material, made by Lifeboat and kept by the cloud, may be in
 * the sim's own files, and nowhere else; WAREHOUSE_PASSWORD only in the simulated clusters'
 * Secret objects, where the deployments read it.
 *
 * <p>The variant with a secret in a raw resource ({@code spec.resources}) is left out: the spec
 * language has no secret values there ({@code properties} is free-form, and {@code { secret: env:NAME }}
 * is read as secrets only in a deployment's {@code env}, see SpecSchema and SpecBinder).
 */
class SecretLeakTest extends SimRepoTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

    final Map<String, String> outputs = new LinkedHashMap<>();

    Repo.Result run(int expected, String... args) {
        Repo.Result r = repo.run(args);
        outputs.put("lifeboat " + String.join(" ", args) + " #" + outputs.size(), r.all());
        assertThat(r.code()).as("lifeboat %s%n%s", String.join(" ", args), r.all()).isEqualTo(expected);
        return r;
    }

    /** The API keys' material, as the cloud holds it: collected along the way, as keys are replaced. */
    final Set<String> keyMaterial = new LinkedHashSet<>();

    void keyMaterial() {
        for (String region : sim.cloud().regions()) {
            for (SimAdmin.ObjectView o : sim.objects(region)) {
                if (!o.type().equals(SECRET_VERSION)) continue;
                String s = o.inputs().reveal().string("secretString");
                if (s != null) keyMaterial.add(s);
            }
        }
    }

    Repo.Result ok(String... args) {
        return run(0, args);
    }

    @Test
    void noSecretInClearInAnyOutputOrFile() throws Exception {
        String password = repo.env.get("WAREHOUSE_PASSWORD");
        String passphrase = repo.env.get("LIFEBOAT_PASSPHRASE");
        assertThat(repo.read("specs/platform.yaml")).contains("{ secret: env:WAREHOUSE_PASSWORD }").doesNotContain(password);

        ok("validate");
        ok("validate", "--format", "json");
        for (String format : List.of("text", "markdown", "json")) ok("preview", "--all", "--format", format);
        ok("up", "--all", "--yes");
        keyMaterial();
        ok("preview", "--all", "--refresh", "--detailed-exitcode");
        ok("status");
        ok("status", "--format", "json");
        ok("status", "--refresh");
        ok("refresh", "--all");
        JsonNode primary = JSON.readTree(ok("state", "export", "--stack", "prod-use1").out());
        ok("state", "export", "--stack", "prod-usw2");

        // a plan and an update that touch secret values: an API key's material replaced
        String version = null;
        for (JsonNode r : primary.at("/deployment/resources")) {
            if (r.path("type").asText().equals(SECRET_VERSION)) version = r.path("urn").asText();
        }
        assertThat(version).as("the primary has an API key's secret version").isNotNull();
        for (String format : List.of("text", "markdown", "json")) {
            run(2, "preview", "--stack", "prod-use1", "--replace", version, "--format", format, "--detailed-exitcode");
        }
        ok("up", "--stack", "prod-use1", "--replace", version, "--yes");
        keyMaterial();
        // the secret values are in the checkpoint, encrypted with Pulumi's secret signature
        assertThat(ok("state", "export", "--stack", "prod-use1").out()).contains("\"4dabf18193072939515e22adb298388d\"").contains("ciphertext");

        // a wrong passphrase is refused without being echoed
        String right = repo.env.put("LIFEBOAT_PASSPHRASE", "Wrong-Passphrase-7");
        Repo.Result wrong = repo.run("state", "export", "--stack", "prod-use1");
        repo.env.put("LIFEBOAT_PASSPHRASE", right);
        assertThat(wrong.code()).as(wrong.all()).isNotZero();
        assertThat(wrong.all()).doesNotContain("Wrong-Passphrase-7");
        outputs.put("state export with a wrong passphrase", wrong.all());

        ok("drill", "--to", "prod-usw2");
        ok("drill", "--to", "prod-usw2", "--format", "json");
        ok("sim", "status");
        ok("sim", "outage", "us-east-1");
        ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--format", "markdown");
        ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes", "--format", "json");
        keyMaterial();
        ok("status");
        ok("status", "--format", "json");
        ok("state", "export", "--stack", "prod-use1");
        ok("state", "export", "--stack", "prod-usw2");
        ok("sim", "restore", "us-east-1");
        ok("failback", "--stack", "prod-use1", "--yes");
        ok("status", "--format", "json");
        ok("preview", "--all", "--format", "json");

        keyMaterial();
        assertThat(keyMaterial).as("API keys were made").isNotEmpty();

        // every output
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            leaks.addAll(find(e.getKey(), e.getValue(), "WAREHOUSE_PASSWORD", password));
            leaks.addAll(find(e.getKey(), e.getValue(), "the passphrase", passphrase));
            for (String k : keyMaterial) leaks.addAll(find(e.getKey(), e.getValue(), "an API key", k));
        }

        // every file the runs left, and every file name
        int files = 0;
        int cloudFilesWithKeys = 0;
        int clusterSecretLines = 0;
        Path lifeboat = dir.resolve(".lifeboat");
        assertThat(lifeboat.resolve("state")).isDirectory();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String rel = dir.relativize(p).toString();
                leaks.addAll(find("file name " + rel, rel, "WAREHOUSE_PASSWORD", password));
                if (!Files.isRegularFile(p)) continue;
                files++;
                String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                if (p.startsWith(lifeboat.resolve("sim")) && p.getFileName().toString().equals("objects.log")) {
                    // a region's log, a line per object: the cluster's own Secret objects hold the value, as the deployments read it
                    for (String line : text.split("\n")) {
                        if (line.contains("\"type\":\"" + io.lifeboat.program.KubernetesSchemas.SECRET + "\"")) {
                            if (line.contains(password)) clusterSecretLines++;
                        } else {
                            leaks.addAll(find(rel, line, "WAREHOUSE_PASSWORD", password));
                        }
                    }
                } else {
                    leaks.addAll(find(rel, text, "WAREHOUSE_PASSWORD", password));
                }
                leaks.addAll(find(rel, text, "the passphrase", passphrase));
                if (!p.startsWith(lifeboat.resolve("sim"))) {
                    for (String k : keyMaterial) leaks.addAll(find(rel, text, "an API key", k));
                } else if (keyMaterial.stream().anyMatch(text::contains)) {
                    cloudFilesWithKeys++;
                }
            }
        }
        System.out.printf("secret leaks: %d outputs and %d files searched for 2 secrets and %d API keys (held in clear by %d of the sim's files,"
                + " as the cloud keeps them): %d leaks%n", outputs.size(), files, keyMaterial.size(), cloudFilesWithKeys, leaks.size());
        assertThat(leaks).isEmpty();
        assertThat(clusterSecretLines).as("the clusters' Secret objects hold WAREHOUSE_PASSWORD: something read it").isPositive();
    }

    /**
     * The search above can only see WAREHOUSE_PASSWORD if something reads it: a deployment's
     * {@code env} secret is "read when the stack is applied" (SpecSchema), so applying without it
     * must fail and name it, as Pulumi does for a missing secret.
     */
    @Test
    void aDeploymentsSecretIsReadWhenTheStackIsApplied() throws Exception {
        repo.env.remove("WAREHOUSE_PASSWORD");
        Repo.Result up = repo.run("up", "--stack", "prod-use1", "--yes");
        assertThat(up.code()).as(up.all()).isNotZero();
        assertThat(up.all()).contains("WAREHOUSE_PASSWORD");
    }

    /** Where {@code secret} appears in {@code text} in clear, base64 (any alignment, either alphabet) or hex. */
    static List<String> find(String where, String text, String what, String secret) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> form : forms(secret).entrySet()) {
            int i = text.indexOf(form.getValue());
            if (i >= 0) {
                int from = Math.max(0, i - 80);
                int to = Math.min(text.length(), i + form.getValue().length() + 80);
                found.add(what + " (" + form.getKey() + ") in " + where + ": …" + text.substring(from, to).replace('\n', ' ') + "…");
            }
        }
        return found;
    }

    static Map<String, String> forms(String secret) {
        Map<String, String> forms = new LinkedHashMap<>();
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        forms.put("clear", secret);
        forms.put("hex", HexFormat.of().formatHex(bytes));
        forms.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[bytes.length + shift];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String b64 = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            // the characters that depend on the secret's bytes only, whatever precedes it in a longer encoding
            int from = shift == 0 ? 0 : (shift == 1 ? 4 : 4);
            int to = (b64.length() / 4) * 4;
            if (to - from >= 8) {
                String core = b64.substring(from, to);
                forms.put("base64+" + shift, core);
                forms.put("base64url+" + shift, core.replace('+', '-').replace('/', '_'));
            }
        }
        return forms;
    }

    @Test
    void theLeakSearchFindsEncodedSecrets() throws IOException {
        String secret = "warehouse-Secret-42";
        assertThat(find("t", "x " + secret + " y", "s", secret)).hasSize(1);
        for (String prefix : List.of("", "a", "ab", "abc")) {
            String b64 = Base64.getEncoder().encodeToString((prefix + secret + "tail").getBytes(StandardCharsets.UTF_8));
            assertThat(find("t", b64, "s", secret)).as("base64 after %d bytes", prefix.length()).isNotEmpty();
        }
        assertThat(find("t", HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)), "s", secret)).isNotEmpty();
        assertThat(find("t", "[secret]", "s", secret)).isEmpty();
    }
}
