package io.lifeboat.providers.gcp.fake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CustomerManagedEncryption;
import com.google.cloud.secretmanager.v1.DestroySecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.ReplicationStatus;
import com.google.cloud.secretmanager.v1.Rotation;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.Topic;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;

import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Request;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Response;

/**
 * Secret Manager v1 (global secrets) on the shared {@link FakeGoogleApis} server, in the JSON
 * that google-cloud-secretmanager's HttpJson transport speaks. It serves only
 * {@code /v1/projects/{p}/secrets…} (Container's fake answers the rest of {@code /v1/projects/}):
 *
 * <ul>
 *   <li>{@code POST /v1/projects/{p}/secrets?secretId=} (create), {@code GET …/secrets} (list,
 *       newest first, paged), {@code GET|PATCH|DELETE …/secrets/{s}} (PATCH with
 *       {@code updateMask}, DELETE with an optional {@code etag}), {@code POST …/secrets/{s}:addVersion};
 *   <li>{@code GET …/secrets/{s}/versions} (list, newest first, paged), {@code GET …/versions/{v}}
 *       and {@code GET …/versions/{v}:access} ({@code v} a number, {@code latest} or an alias), and
 *       {@code POST …/versions/{v}:disable|:enable|:destroy} (optional {@code etag}).
 * </ul>
 *
 * <p>Bodies are read with the API's own protobuf messages (protobuf's JSON mapping, unknown fields
 * refused as Google's front end refuses them) and answered in that mapping. Names are answered
 * with the project's number, as the real service answers them ({@code projects/123456789012/secrets/s}),
 * and requests may name the project by id or by number ({@link #projectNumber}).
 *
 * <p>Checks, from the v1 reference (resources.proto / service.proto comments) unless said:
 * secret id {@code [a-zA-Z0-9_-]{1,255}}; replication required (the API marks it optional, but a
 * global secret without one is refused), automatic or user-managed with at least one replica, each
 * in a real region, none twice, a CMEK key in the replica's location (or {@code global} for
 * automatic); labels (at most 64, keys {@code [\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}}, values
 * {@code [\p{Ll}\p{Lo}\p{N}_-]{0,63}}, each at most 128 UTF-8 bytes); annotations (keys 1–63
 * characters, alphanumeric at both ends, {@code -_.} inside; keys and values under 16 KiB in all);
 * at most 10 topics named {@code projects/*}{@code /topics/*}; a rotation's next time 5 minutes to
 * 100 years ahead, its period 1 hour to 100 years and only with a next time, and a secret with a
 * rotation needs a topic (rotation docs); a version-destroy TTL of 1 to 1000 days (delayed
 * destruction docs); version aliases (at most 50, {@code [a-zA-Z][a-zA-Z0-9_-]{0,62}}, not
 * {@code latest} or {@code NEW}) naming existing versions; replication immutable on PATCH and only
 * the Secret's updatable fields in {@code updateMask}; payloads at most 64 KiB, their CRC32C checked
 * when given; an access to a DISABLED or DESTROYED version refused FAILED_PRECONDITION (400), as is
 * enabling or disabling a destroyed one; a mismatched etag refused FAILED_PRECONDITION (400), and
 * every change gives the changed resource a new etag (etags docs); 409 ALREADY_EXISTS for a taken
 * id; 404 NOT_FOUND.
 *
 * <p>Not served: regional secrets ({@code /v1/projects/{p}/locations/{l}/secrets}), IAM policies,
 * list filters (a non-empty {@code filter} is refused, not ignored), expiry of secrets when their
 * time comes, and the timed end of a delayed destruction.
 */
public final class FakeSecretManager implements FakeGoogleApis.FakeApi {
    /** The Google Cloud regions, where secrets' replicas (and other fakes' locations) may be. */
    static final Set<String> REGIONS = Set.of(
            "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3",
            "asia-south1", "asia-south2", "asia-southeast1", "asia-southeast2", "australia-southeast1",
            "australia-southeast2", "europe-central2", "europe-north1", "europe-north2", "europe-southwest1",
            "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-west6", "europe-west8",
            "europe-west9", "europe-west10", "europe-west12", "me-central1", "me-central2", "me-west1",
            "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1", "southamerica-east1",
            "southamerica-west1", "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1",
            "us-west2", "us-west3", "us-west4");

    static final int MAX_PAYLOAD = 64 * 1024;

    private static final Pattern SERVES = Pattern.compile("^/v1/projects/[^/:]+/secrets(?:[/:].*)?$");
    private static final Pattern PATH = Pattern.compile(
            "^/v1/projects/(?<project>[^/:]+)/secrets(?:/(?<secret>[^/:]+)(?<versions>/versions(?:/(?<version>[^/:]+))?)?)?(?::(?<verb>[A-Za-z]+))?$");
    private static final Pattern SECRET_ID = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
    private static final Pattern LABEL_KEY = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}");
    private static final Pattern ANNOTATION_KEY = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern ALIAS = Pattern.compile("[a-zA-Z][a-zA-Z0-9_-]{0,62}");
    private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[^/]+");
    private static final Pattern KMS_KEY = Pattern.compile("projects/[^/]+/locations/([^/]+)/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final Pattern PROJECT_PREFIX = Pattern.compile("^projects/([^/]+)(/.*)$");
    private static final Set<String> UPDATABLE = Set.of("labels", "annotations", "topics", "expire_time", "ttl", "rotation",
            "version_aliases", "version_destroy_ttl", "customer_managed_encryption", "etag");
    private static final long HUNDRED_YEARS_S = 3_153_600_000L;

    private static final class StoredSecret {
        Secret secret;
        final List<StoredVersion> versions = new ArrayList<>();

        StoredSecret(Secret secret) {
            this.secret = secret;
        }
    }

    private static final class StoredVersion {
        SecretVersion version;
        ByteString data;
        long crc32c;

        StoredVersion(SecretVersion version, ByteString data, long crc32c) {
            this.version = version;
            this.data = data;
            this.crc32c = crc32c;
        }
    }

    private final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
    private final AtomicLong etags = new AtomicLong(0x16000000000000L + (System.nanoTime() & 0xffffffffL));

    /** The project's number, as this fake answers it in names: fixed for an id, the number itself for a number. */
    public static String projectNumber(String project) {
        if (project.chars().allMatch(Character::isDigit)) return project;
        return Long.toString(100_000_000_000L + Math.floorMod((long) project.hashCode() * 2_654_435_761L, 900_000_000_000L));
    }

    @Override
    public boolean serves(Request request) {
        return SERVES.matcher(request.path()).matches();
    }

    @Override
    public synchronized Response handle(Request request) throws GoogleError {
        Matcher m = PATH.matcher(request.path());
        if (!m.matches()) throw noRoute(request);
        String parent = "projects/" + projectNumber(m.group("project"));
        String secretId = m.group("secret");
        String verb = m.group("verb");
        String method = request.method();
        if (secretId == null) {
            if (verb != null) throw noRoute(request);
            if (method.equals("POST")) return create(parent, request);
            if (method.equals("GET")) return listSecrets(parent, request);
            throw noRoute(request);
        }
        String secretName = parent + "/secrets/" + secretId;
        if (m.group("versions") == null) {
            if (verb == null && method.equals("GET")) return ok(secret(secretName).secret);
            if (verb == null && method.equals("PATCH")) return update(secretName, request);
            if (verb == null && method.equals("DELETE")) return delete(secretName, request);
            if ("addVersion".equals(verb) && method.equals("POST")) return addVersion(secretName, request);
            throw noRoute(request);
        }
        String versionId = m.group("version");
        if (versionId == null) {
            if (verb == null && method.equals("GET")) return listVersions(secretName, request);
            throw noRoute(request);
        }
        StoredSecret secret = secret(secretName);
        StoredVersion version = resolve(secret, versionId);
        if (verb == null && method.equals("GET")) return ok(version.version);
        if ("access".equals(verb) && method.equals("GET")) return access(version);
        if (method.equals("POST") && ("enable".equals(verb) || "disable".equals(verb) || "destroy".equals(verb))) {
            return changeState(secret, version, verb, request);
        }
        throw noRoute(request);
    }

    // ---- secrets

    private Response create(String parent, Request request) throws GoogleError {
        String id = request.query("secretId");
        if (id == null || id.isEmpty()) throw GoogleError.required("secret_id");
        if (!SECRET_ID.matcher(id).matches()) {
            throw GoogleError.invalid("Secret ID [" + id + "] must be at most 255 characters of letters, numerals, hyphens and underscores");
        }
        Secret.Builder b = Secret.newBuilder();
        parse(request.body(), b);
        String name = parent + "/secrets/" + id;
        checkReplication(b.getReplication(), b.hasReplication());
        b.setName(name).setCreateTime(now()).setEtag(etag());
        applyTtl(b);
        check(b, List.of(), null);
        if (secrets.containsKey(name)) throw GoogleError.alreadyExists("Secret [" + name + "] already exists.");
        Secret secret = b.build();
        secrets.put(name, new StoredSecret(secret));
        return ok(secret);
    }

    private Response update(String name, Request request) throws GoogleError {
        StoredSecret stored = secret(name);
        Secret.Builder patch = Secret.newBuilder();
        parse(request.body(), patch);
        String maskText = request.query("updateMask");
        if (maskText == null || maskText.isBlank()) throw GoogleError.required("update_mask");
        FieldMask mask = FieldMaskUtil.fromJsonString(maskText);
        for (String path : mask.getPathsList()) {
            if (path.equals("replication")) throw GoogleError.invalid("The replication policy of a Secret cannot be changed (field 'replication' is immutable)");
            if (!UPDATABLE.contains(path)) throw GoogleError.invalid("Invalid update_mask path '" + path + "': not an updatable field of Secret");
        }
        if (!patch.getEtag().isEmpty() && !patch.getEtag().equals(stored.secret.getEtag())) throw etagMismatch(name);
        Secret.Builder merged = stored.secret.toBuilder();
        FieldMaskUtil.merge(FieldMaskUtil.subtract(mask, FieldMaskUtil.fromStringList(List.of("etag"))), patch.build(), merged,
                new FieldMaskUtil.MergeOptions().setReplaceMessageFields(true).setReplaceRepeatedFields(true)
                        .setReplacePrimitiveFields(true));
        applyTtl(merged);
        check(merged, stored.versions, Set.copyOf(mask.getPathsList()));
        stored.secret = merged.setEtag(etag()).build();
        return ok(stored.secret);
    }

    private Response delete(String name, Request request) throws GoogleError {
        StoredSecret stored = secret(name);
        String etag = request.query("etag");
        if (etag != null && !etag.isEmpty() && !etag.equals(stored.secret.getEtag())) throw etagMismatch(name);
        secrets.remove(name);
        return Response.empty();
    }

    private Response listSecrets(String parent, Request request) throws GoogleError {
        refuseFilter(request);
        List<Secret> all = new ArrayList<>();
        for (StoredSecret s : secrets.values()) {
            if (s.secret.getName().startsWith(parent + "/secrets/")) all.add(0, s.secret);
        }
        int[] range = page(all.size(), request, 25_000);
        ListSecretsResponse.Builder out = ListSecretsResponse.newBuilder()
                .addAllSecrets(all.subList(range[0], range[1])).setTotalSize(all.size());
        if (range[1] < all.size()) out.setNextPageToken(Integer.toString(range[1]));
        return ok(out.build());
    }

    // ---- versions

    private Response addVersion(String secretName, Request request) throws GoogleError {
        StoredSecret secret = secret(secretName);
        AddSecretVersionRequest.Builder b = AddSecretVersionRequest.newBuilder();
        parse(request.body(), b);
        if (!b.hasPayload()) throw GoogleError.required("payload");
        SecretPayload payload = b.getPayload();
        if (payload.getData().size() > MAX_PAYLOAD) {
            throw GoogleError.invalid("Secret Version payload is larger than the maximum of " + MAX_PAYLOAD + " bytes");
        }
        long crc = crc32c(payload.getData());
        if (payload.hasDataCrc32C() && payload.getDataCrc32C() != crc) {
            throw GoogleError.invalid("Checksum mismatch: the data_crc32c given does not match the payload data (data integrity check failed)");
        }
        int number = secret.versions.size() + 1;
        SecretVersion version = SecretVersion.newBuilder()
                .setName(secretName + "/versions/" + number)
                .setCreateTime(now())
                .setState(SecretVersion.State.ENABLED)
                .setReplicationStatus(replicationStatus(secret.secret.getReplication()))
                .setEtag(etag())
                .setClientSpecifiedPayloadChecksum(payload.hasDataCrc32C())
                .build();
        secret.versions.add(new StoredVersion(version, payload.getData(), crc));
        return ok(version);
    }

    private Response listVersions(String secretName, Request request) throws GoogleError {
        StoredSecret secret = secret(secretName);
        refuseFilter(request);
        List<SecretVersion> all = new ArrayList<>();
        for (StoredVersion v : secret.versions) all.add(0, v.version);
        int[] range = page(all.size(), request, 25_000);
        ListSecretVersionsResponse.Builder out = ListSecretVersionsResponse.newBuilder()
                .addAllVersions(all.subList(range[0], range[1])).setTotalSize(all.size());
        if (range[1] < all.size()) out.setNextPageToken(Integer.toString(range[1]));
        return ok(out.build());
    }

    private Response access(StoredVersion v) throws GoogleError {
        SecretVersion.State state = v.version.getState();
        if (state != SecretVersion.State.ENABLED) {
            throw GoogleError.failedPrecondition("Secret Version [" + v.version.getName() + "] is in " + state + " state.");
        }
        return ok(AccessSecretVersionResponse.newBuilder()
                .setName(v.version.getName())
                .setPayload(SecretPayload.newBuilder().setData(v.data).setDataCrc32C(v.crc32c))
                .build());
    }

    private Response changeState(StoredSecret secret, StoredVersion v, String verb, Request request) throws GoogleError {
        DestroySecretVersionRequest.Builder b = DestroySecretVersionRequest.newBuilder(); // {etag}, as the three requests' bodies are
        parse(request.body(), b);
        String name = v.version.getName();
        if (!b.getEtag().isEmpty() && !b.getEtag().equals(v.version.getEtag())) throw etagMismatch(name);
        SecretVersion.Builder out = v.version.toBuilder();
        if (v.version.getState() == SecretVersion.State.DESTROYED) {
            throw GoogleError.failedPrecondition("Secret Version [" + name + "] is in DESTROYED state and cannot be " + verb + "d.");
        }
        switch (verb) {
            case "enable" -> out.setState(SecretVersion.State.ENABLED).clearScheduledDestroyTime();
            case "disable" -> out.setState(SecretVersion.State.DISABLED);
            default -> {
                if (secret.secret.hasVersionDestroyTtl() && secret.secret.getVersionDestroyTtl().getSeconds() > 0) {
                    // delayed destruction: disabled now, destroyed when the TTL runs out (this fake keeps it scheduled)
                    Instant at = Instant.now().plusSeconds(secret.secret.getVersionDestroyTtl().getSeconds());
                    out.setState(SecretVersion.State.DISABLED).setScheduledDestroyTime(timestamp(at));
                } else {
                    out.setState(SecretVersion.State.DESTROYED).setDestroyTime(now());
                    v.data = ByteString.EMPTY;
                }
            }
        }
        v.version = out.setEtag(etag()).build();
        return ok(v.version);
    }

    // ---- checks

    private static void checkReplication(Replication r, boolean given) throws GoogleError {
        if (!given || r.getReplicationCase() == Replication.ReplicationCase.REPLICATION_NOT_SET) {
            throw GoogleError.required("secret.replication");
        }
        if (r.hasAutomatic()) {
            checkKms(r.getAutomatic().hasCustomerManagedEncryption(), r.getAutomatic().getCustomerManagedEncryption(), "global");
            return;
        }
        List<Replication.UserManaged.Replica> replicas = r.getUserManaged().getReplicasList();
        if (replicas.isEmpty()) throw GoogleError.invalid("secret.replication.user_managed.replicas cannot be empty");
        Set<String> seen = new HashSet<>();
        for (Replication.UserManaged.Replica replica : replicas) {
            String location = replica.getLocation();
            if (!REGIONS.contains(location)) throw GoogleError.invalid("Invalid replica location [" + location + "]: not a Google Cloud region");
            if (!seen.add(location)) throw GoogleError.invalid("Replica location [" + location + "] is given more than once");
            checkKms(replica.hasCustomerManagedEncryption(), replica.getCustomerManagedEncryption(), location);
        }
    }

    private static void checkKms(boolean given, CustomerManagedEncryption cmek, String location) throws GoogleError {
        if (!given) return;
        Matcher m = KMS_KEY.matcher(cmek.getKmsKeyName());
        if (!m.matches()) throw GoogleError.invalid("kms_key_name [" + cmek.getKmsKeyName() + "] is not of the form projects/*/locations/*/keyRings/*/cryptoKeys/*");
        if (!m.group(1).equals(location)) {
            throw GoogleError.invalid("The Cloud KMS key [" + cmek.getKmsKeyName() + "] must be in location [" + location + "]");
        }
    }

    /** The checks of a secret; the time-bound ones and the aliases' only for the fields {@code changed} (null: all, as on create). */
    private static void check(Secret.Builder s, List<StoredVersion> versions, Set<String> changed) throws GoogleError {
        checkLabels(s.getLabelsMap(), LABEL_KEY, LABEL_VALUE);
        int annotationBytes = 0;
        for (Map.Entry<String, String> e : s.getAnnotationsMap().entrySet()) {
            if (!ANNOTATION_KEY.matcher(e.getKey()).matches() || utf8(e.getKey()) > 128) {
                throw GoogleError.invalid("Invalid annotation key [" + e.getKey() + "]");
            }
            annotationBytes += utf8(e.getKey()) + utf8(e.getValue());
        }
        if (annotationBytes >= 16 * 1024) throw GoogleError.invalid("The total size of annotation keys and values must be less than 16KiB");
        if (s.getTopicsCount() > 10) throw GoogleError.invalid("A secret may have at most 10 topics");
        for (Topic t : s.getTopicsList()) {
            if (!TOPIC.matcher(t.getName()).matches()) throw GoogleError.invalid("Invalid topic name [" + t.getName() + "]: expected projects/*/topics/*");
        }
        if (changes(changed, "expire_time", "ttl") && s.hasExpireTime() && Timestamps.toMillis(s.getExpireTime()) <= System.currentTimeMillis()) {
            throw GoogleError.invalid("expire_time must be in the future");
        }
        if (changes(changed, "rotation", "topics") && s.hasRotation()) checkRotation(s.getRotation(), s.getTopicsCount());
        if (s.hasVersionDestroyTtl()) {
            long secs = s.getVersionDestroyTtl().getSeconds();
            if (secs < Duration.ofDays(1).toSeconds() || secs > Duration.ofDays(1000).toSeconds()) {
                throw GoogleError.invalid("version_destroy_ttl must be between 1 day and 1000 days");
            }
        }
        if (s.getVersionAliasesCount() > 50) throw GoogleError.invalid("A secret may have at most 50 version aliases");
        for (Map.Entry<String, Long> e : s.getVersionAliasesMap().entrySet()) {
            if (!changes(changed, "version_aliases")) break;
            String alias = e.getKey();
            if (!ALIAS.matcher(alias).matches() || alias.equals("latest") || alias.equals("NEW")) {
                throw GoogleError.invalid("Invalid version alias [" + alias + "]");
            }
            long n = e.getValue();
            if (n < 1 || n > versions.size() || versions.get((int) n - 1).version.getState() == SecretVersion.State.DESTROYED) {
                throw GoogleError.invalid("Version alias [" + alias + "] names version " + n + ", which does not exist or is destroyed");
            }
        }
    }

    private static boolean changes(Set<String> changed, String... fields) {
        if (changed == null) return true;
        for (String f : fields) {
            if (changed.contains(f)) return true;
        }
        return false;
    }

    private static void checkRotation(Rotation r, int topics) throws GoogleError {
        if (r.hasRotationPeriod()) {
            long period = r.getRotationPeriod().getSeconds();
            if (r.getRotationPeriod().getNanos() != 0 || period < 3600 || period > HUNDRED_YEARS_S) {
                throw GoogleError.invalid("rotation.rotation_period must be whole seconds, at least 3600s and at most 3153600000s");
            }
            if (!r.hasNextRotationTime()) throw GoogleError.invalid("rotation.next_rotation_time must be set when rotation.rotation_period is");
        }
        if (r.hasNextRotationTime()) {
            long ahead = Timestamps.toMillis(r.getNextRotationTime()) / 1000 - Instant.now().getEpochSecond();
            if (ahead < 300 || ahead > HUNDRED_YEARS_S) {
                throw GoogleError.invalid("rotation.next_rotation_time must be at least 300s and at most 3153600000s in the future");
            }
        }
        if (topics == 0) throw GoogleError.invalid("A secret with a rotation policy must have at least one topic");
    }

    /** Google's label rules for {@code labels} maps: at most 64, each key and value matching and at most 128 UTF-8 bytes. */
    static void checkLabels(Map<String, String> labels, Pattern key, Pattern value) throws GoogleError {
        if (labels.size() > 64) throw GoogleError.invalid("No more than 64 labels can be assigned to a resource; " + labels.size() + " were given");
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!key.matcher(e.getKey()).matches() || utf8(e.getKey()) > 128) {
                throw GoogleError.invalid("Invalid label key [" + e.getKey() + "]: must match " + key.pattern());
            }
            if (!value.matcher(e.getValue()).matches() || utf8(e.getValue()) > 128) {
                throw GoogleError.invalid("Invalid value [" + e.getValue() + "] of label [" + e.getKey() + "]: must match " + value.pattern());
            }
        }
    }

    private static void applyTtl(Secret.Builder b) throws GoogleError {
        if (!b.hasTtl()) return;
        com.google.protobuf.Duration ttl = b.getTtl();
        if (ttl.getSeconds() <= 0) throw GoogleError.invalid("ttl must be positive");
        b.setExpireTime(timestamp(Instant.now().plusSeconds(ttl.getSeconds()).plusNanos(ttl.getNanos()))); // ttl is input only
    }

    private static void refuseFilter(Request request) throws GoogleError {
        String filter = request.query("filter");
        if (filter != null && !filter.isEmpty()) throw GoogleError.invalid("This fake does not implement list filters (filter=" + filter + ")");
    }

    // ---- lookups

    private StoredSecret secret(String name) throws GoogleError {
        StoredSecret s = secrets.get(name);
        if (s == null) throw GoogleError.notFound("Secret [" + name + "] not found or has no versions.");
        return s;
    }

    private static StoredVersion resolve(StoredSecret secret, String id) throws GoogleError {
        String name = secret.secret.getName();
        int n;
        if (id.equals("latest")) {
            if (secret.versions.isEmpty()) throw GoogleError.notFound("Secret [" + name + "] not found or has no versions.");
            n = secret.versions.size();
        } else if (id.chars().allMatch(Character::isDigit) && id.length() < 10) {
            n = Integer.parseInt(id);
        } else if (secret.secret.containsVersionAliases(id)) {
            n = (int) secret.secret.getVersionAliasesOrThrow(id);
        } else {
            throw GoogleError.notFound("Secret Version [" + name + "/versions/" + id + "] not found.");
        }
        if (n < 1 || n > secret.versions.size()) throw GoogleError.notFound("Secret Version [" + name + "/versions/" + id + "] not found.");
        return secret.versions.get(n - 1);
    }

    private static String canonical(String name) {
        Matcher m = PROJECT_PREFIX.matcher(name);
        return m.matches() ? "projects/" + projectNumber(m.group(1)) + m.group(2) : name;
    }

    // ---- test hooks

    /** The stored secret or version ({@code projects/P/secrets/S[/versions/N|latest|alias]}, P an id or a number) in the API's JSON, or null. */
    public synchronized JsonNode json(String name) {
        String c = canonical(name);
        StoredSecret s = secrets.get(c);
        if (s != null) return toJson(s.secret);
        int at = c.indexOf("/versions/");
        if (at < 0 || (s = secrets.get(c.substring(0, at))) == null) return null;
        try {
            return toJson(resolve(s, c.substring(at + "/versions/".length())).version);
        } catch (GoogleError e) {
            return null;
        }
    }

    /** The data a version holds, or null when there is no such version or it was destroyed. */
    public synchronized byte[] payload(String versionName) {
        String c = canonical(versionName);
        int at = c.indexOf("/versions/");
        StoredSecret s = at < 0 ? null : secrets.get(c.substring(0, at));
        if (s == null) return null;
        try {
            StoredVersion v = resolve(s, c.substring(at + "/versions/".length()));
            return v.version.getState() == SecretVersion.State.DESTROYED ? null : v.data.toByteArray();
        } catch (GoogleError e) {
            return null;
        }
    }

    // ---- helpers

    private static ReplicationStatus replicationStatus(Replication r) {
        ReplicationStatus.Builder b = ReplicationStatus.newBuilder();
        if (r.hasAutomatic()) {
            b.setAutomatic(ReplicationStatus.AutomaticStatus.getDefaultInstance());
        } else {
            ReplicationStatus.UserManagedStatus.Builder um = ReplicationStatus.UserManagedStatus.newBuilder();
            for (Replication.UserManaged.Replica replica : r.getUserManaged().getReplicasList()) {
                um.addReplicas(ReplicationStatus.UserManagedStatus.ReplicaStatus.newBuilder().setLocation(replica.getLocation()));
            }
            b.setUserManaged(um);
        }
        return b.build();
    }

    /** [from, to) of a list of {@code size} for the request's {@code pageSize} (0: all; capped at {@code max}) and {@code pageToken}. */
    static int[] page(int size, Request request, int max) throws GoogleError {
        int from = 0;
        String token = request.query("pageToken");
        if (token != null && !token.isEmpty()) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > size) throw GoogleError.invalid("Invalid page token [" + token + "]");
        }
        int pageSize = 0;
        String ps = request.query("pageSize");
        if (ps != null && !ps.isEmpty()) {
            try {
                pageSize = Integer.parseInt(ps);
            } catch (NumberFormatException e) {
                throw GoogleError.invalid("Invalid page_size [" + ps + "]");
            }
            if (pageSize < 0) throw GoogleError.invalid("page_size must not be negative");
        }
        int to = pageSize == 0 ? Math.min(size, from + max) : Math.min(size, from + Math.min(pageSize, max));
        return new int[] {from, to};
    }

    /** Reads a JSON body into {@code builder} as Google's front end reads it: protobuf's JSON mapping, unknown names refused. */
    static void parse(JsonNode body, Message.Builder builder) throws GoogleError {
        try {
            JsonFormat.parser().merge(FakeGoogleApis.JSON.writeValueAsString(body), builder);
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw GoogleError.invalid("Invalid JSON payload received. " + e.getMessage());
        }
    }

    static JsonNode toJson(Message message) {
        try {
            return FakeGoogleApis.JSON.readTree(JsonFormat.printer().print(message));
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response ok(Message message) {
        return Response.ok(toJson(message));
    }

    private static GoogleError noRoute(Request request) {
        return GoogleError.notFound("Secret Manager does not serve " + request.method() + " " + request.path());
    }

    private static GoogleError etagMismatch(String name) {
        return GoogleError.failedPrecondition("The etag provided does not match the current etag of [" + name + "]");
    }

    private String etag() {
        return "\"" + Long.toHexString(etags.incrementAndGet()) + "\"";
    }

    private static long crc32c(ByteString data) {
        CRC32C crc = new CRC32C();
        crc.update(data.asReadOnlyByteBuffer());
        return crc.getValue();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static Timestamp now() {
        return timestamp(Instant.now());
    }

    static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }

}
