package io.lifeboat.providers.gcp.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.devtools.artifactregistry.v1.DockerImage;
import com.google.devtools.artifactregistry.v1.ListDockerImagesResponse;
import com.google.devtools.artifactregistry.v1.ListRepositoriesResponse;
import com.google.devtools.artifactregistry.v1.OperationMetadata;
import com.google.devtools.artifactregistry.v1.Repository;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TypeRegistry;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import com.google.rpc.Status;

import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Request;
import io.lifeboat.providers.gcp.fake.FakeGoogleApis.Response;

/**
 * Artifact Registry v1 on the shared {@link FakeGoogleApis} server, in the JSON that
 * google-cloud-artifact-registry's HttpJson transport speaks:
 *
 * <ul>
 *   <li>{@code POST /v1/projects/{p}/locations/{l}/repositories?repositoryId=} (create: a
 *       google.longrunning Operation {@code projects/p/locations/l/operations/{uuid}}),
 *       {@code GET …/repositories} (list, by name, paged, {@code filter} on {@code name} with
 *       {@code *} wildcards, {@code orderBy} {@code name [desc]}, at most 1000 a page), {@code GET|PATCH …/repositories/{r}}
 *       (PATCH with an optional {@code updateMask}: without one, every field the body sets; output-only
 *       fields ignored),
 *       {@code DELETE …/repositories/{r}} (an Operation);
 *   <li>{@code GET …/repositories/{r}/dockerImages} (list, paged, {@code orderBy} name, upload_time
 *       or update_time, optionally {@code desc}) and {@code GET …/dockerImages/{image@digest}}, of the
 *       images a test pushed with {@link #pushImage};
 *   <li>{@code GET /v1/projects/{p}/locations/{l}/operations/{op}}, for the operations this fake
 *       made only (Container's fake serves its own under the same path).
 * </ul>
 *
 * <p>Operations: answered not done, with {@code metadata} an
 * {@code type.googleapis.com/google.devtools.artifactregistry.v1.OperationMetadata}; after
 * {@link #pollsUntilDone} reads the operation is done, its change is made, and its {@code response}
 * is the Repository (create) or {@code google.protobuf.Empty} (delete), as an Any with its
 * {@code @type}, as service.proto's operation_info says. A repository has no state field, so while
 * its create runs it is not yet there (GET answers 404, its id is taken all the same), and while its
 * delete runs it still is. An operation can end in {@code error} ({@link #failNextOperation}).
 *
 * <p>Checks, from repository.proto's comments and the repository docs unless said: repositoryId
 * {@code ^[a-z]([a-z0-9-]*[a-z0-9])?$}, at most 63 characters; the location a region or one of
 * the multi-regions {@code us}, {@code europe}, {@code asia}; a format among the enum's documented
 * values (the API marks it optional, but a repository without a format is refused); the mode
 * defaulting to STANDARD_REPOSITORY unless {@code disallowUnspecifiedMode}; dockerConfig only on
 * DOCKER and mavenConfig only on MAVEN repositories, virtualRepositoryConfig only on VIRTUAL and
 * remoteRepositoryConfig (required there) only on REMOTE ones; a CMEK key
 * {@code projects/*}{@code /locations/L/keyRings/*}{@code /cryptoKeys/*} in the repository's
 * location; labels (at most 64, keys {@code [a-z][a-z0-9_-]{0,62}}, values {@code [a-z0-9_-]{0,63}});
 * format, mode, kmsKeyName and a Maven version policy immutable on PATCH, and the mask's paths
 * fields of Repository; 409
 * ALREADY_EXISTS for a taken id (also while its create runs); 404 NOT_FOUND; bodies read with the
 * API's protobuf messages, unknown fields refused.
 *
 * <p>Not served: packages, versions, tags, files, the other formats' artifact lists, IAM, project
 * settings, locations.
 */
public final class FakeArtifactRegistry implements FakeGoogleApis.FakeApi {
    /** Artifact Registry's multi-regions. */
    static final Set<String> MULTI_REGIONS = Set.of("us", "europe", "asia");

    private static final Pattern REPOSITORIES = Pattern.compile("^/v1/projects/[^/:]+/locations/[^/:]+/repositories(?:/.*)?$");
    private static final Pattern OPERATION = Pattern.compile("^/v1/(projects/[^/:]+/locations/[^/:]+/operations/[^/:]+)$");
    private static final Pattern PATH = Pattern.compile(
            "^/v1/projects/(?<project>[^/:]+)/locations/(?<location>[^/:]+)/repositories(?:/(?<repo>[^/:]+)(?<images>/dockerImages(?:/(?<image>.+))?)?)?$");
    private static final Pattern REPOSITORY_ID = Pattern.compile("^[a-z]([a-z0-9-]*[a-z0-9])?$");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");
    private static final Pattern KMS_KEY = Pattern.compile("projects/[^/]+/locations/([^/]+)/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final Pattern NAME_FILTER = Pattern.compile("^\\s*name\\s*=\\s*\"([^\"]*)\"\\s*$");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
    private static final Set<String> OUTPUT_ONLY = Set.of("name", "create_time", "update_time", "size_bytes", "satisfies_pzs", "satisfies_pzi");
    private static final String DOCKER_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
    private static final TypeRegistry TYPES = TypeRegistry.newBuilder()
            .add(Repository.getDescriptor()).add(OperationMetadata.getDescriptor()).add(Empty.getDescriptor()).build();

    private static final class StoredOperation {
        final Operation.Builder operation;
        final Supplier<Message> effect;
        final Runnable onFailure;
        final Status failure;
        int reads;

        StoredOperation(Operation.Builder operation, Supplier<Message> effect, Runnable onFailure, Status failure) {
            this.operation = operation;
            this.effect = effect;
            this.onFailure = onFailure;
            this.failure = failure;
        }
    }

    private final Map<String, Repository> repositories = new LinkedHashMap<>();
    private final Map<String, Repository> creating = new HashMap<>();
    private final Map<String, Map<String, DockerImage>> images = new HashMap<>();
    private final Map<String, StoredOperation> operations = new LinkedHashMap<>();
    private int pollsUntilDone = 1;
    private Status nextFailure;

    /** An operation reads done at its {@code polls}-th read (default 1: the first read after the call that made it). */
    public synchronized void pollsUntilDone(int polls) {
        if (polls < 1) throw new IllegalArgumentException("pollsUntilDone must be at least 1");
        this.pollsUntilDone = polls;
    }

    /** The next create or delete operation ends with {@code error: {code, message}} (a google.rpc.Code) and changes nothing. */
    public synchronized void failNextOperation(int code, String message) {
        this.nextFailure = Status.newBuilder().setCode(code).setMessage(message).build();
    }

    @Override
    public synchronized boolean serves(Request request) {
        if (REPOSITORIES.matcher(request.path()).matches()) return true;
        Matcher m = OPERATION.matcher(request.path());
        return m.matches() && operations.containsKey(m.group(1));
    }

    @Override
    public synchronized Response handle(Request request) throws GoogleError {
        String method = request.method();
        Matcher op = OPERATION.matcher(request.path());
        if (op.matches()) {
            if (!method.equals("GET")) throw noRoute(request);
            return Response.ok(print(readOperation(op.group(1))));
        }
        Matcher m = PATH.matcher(request.path());
        if (!m.matches()) throw noRoute(request);
        String parent = "projects/" + m.group("project") + "/locations/" + m.group("location");
        String repo = m.group("repo");
        if (repo == null) {
            checkLocation(m.group("location"));
            if (method.equals("POST")) return create(parent, m.group("location"), request);
            if (method.equals("GET")) return listRepositories(parent, request);
            throw noRoute(request);
        }
        String name = parent + "/repositories/" + repo;
        if (m.group("images") != null) {
            if (!method.equals("GET")) throw noRoute(request);
            repository(name);
            String image = m.group("image");
            if (image == null) return listImages(name, request);
            DockerImage found = images.getOrDefault(name, Map.of()).get(image.replace("/", "%2F")); // the id as in the image's name
            if (found == null) throw GoogleError.notFound("Requested entity was not found: docker image " + name + "/dockerImages/" + image);
            return Response.ok(print(found));
        }
        return switch (method) {
            case "GET" -> Response.ok(print(repository(name)));
            case "PATCH" -> update(name, request);
            case "DELETE" -> delete(name);
            default -> throw noRoute(request);
        };
    }

    // ---- repositories

    private Response create(String parent, String location, Request request) throws GoogleError {
        String id = request.query("repositoryId");
        if (id == null || id.isEmpty()) throw GoogleError.required("repository_id");
        if (id.length() > 63 || !REPOSITORY_ID.matcher(id).matches()) {
            throw GoogleError.invalid("Invalid repository id [" + id + "]: must match ^[a-z]([a-z0-9-]*[a-z0-9])?$, at most 63 characters");
        }
        Repository.Builder b = Repository.newBuilder();
        FakeSecretManager.parse(request.body(), b);
        String name = parent + "/repositories/" + id;
        if (b.getFormat() == Repository.Format.FORMAT_UNSPECIFIED || b.getFormat() == Repository.Format.UNRECOGNIZED) {
            throw GoogleError.invalid("Repository format must be one of DOCKER, MAVEN, NPM, APT, YUM, PYTHON, KFP, GO, GENERIC");
        }
        if (b.getMode() == Repository.Mode.UNRECOGNIZED) throw GoogleError.invalid("Unknown repository mode");
        if (b.getMode() == Repository.Mode.MODE_UNSPECIFIED) {
            if (b.getDisallowUnspecifiedMode()) throw GoogleError.invalid("Repository mode must be specified (disallow_unspecified_mode is set)");
            b.setMode(Repository.Mode.STANDARD_REPOSITORY);
        }
        if (!b.getKmsKeyName().isEmpty()) {
            Matcher k = KMS_KEY.matcher(b.getKmsKeyName());
            if (!k.matches()) throw GoogleError.invalid("kms_key_name [" + b.getKmsKeyName() + "] is not projects/*/locations/*/keyRings/*/cryptoKeys/*");
            if (!k.group(1).equals(location)) throw GoogleError.invalid("The KMS key must be in the repository's location [" + location + "]");
        }
        check(b);
        if (repositories.containsKey(name) || creating.containsKey(name)) {
            throw GoogleError.alreadyExists("the repository already exists: " + name);
        }
        Repository repository = b.setName(name).setCreateTime(FakeSecretManager.now()).setUpdateTime(FakeSecretManager.now()).build();
        creating.put(name, repository);
        Operation operation = start(parent, () -> {
            creating.remove(name);
            repositories.put(name, repository);
            return repository;
        }, () -> creating.remove(name));
        return Response.ok(print(operation));
    }

    private Response update(String name, Request request) throws GoogleError {
        Repository current = repository(name);
        Repository.Builder patch = Repository.newBuilder();
        FakeSecretManager.parse(request.body(), patch);
        String maskText = request.query("updateMask");
        FieldMask mask;
        if (maskText == null || maskText.isBlank()) {
            List<String> set = new ArrayList<>(); // no mask: every field the body sets (AIP-134)
            for (FieldDescriptor f : patch.getAllFields().keySet()) set.add(f.getName());
            mask = FieldMaskUtil.fromStringList(set);
        } else {
            mask = FieldMaskUtil.fromJsonString(maskText);
        }
        List<String> paths = new ArrayList<>();
        for (String path : mask.getPathsList()) {
            if (!FieldMaskUtil.isValid(Repository.class, path)) throw GoogleError.invalid("Invalid update_mask path [" + path + "]");
            if (!OUTPUT_ONLY.contains(path.contains(".") ? path.substring(0, path.indexOf('.')) : path)) paths.add(path); // ignored, as output-only input is
        }
        Repository.Builder merged = current.toBuilder();
        FieldMaskUtil.merge(FieldMaskUtil.fromStringList(paths), patch.build(), merged, new FieldMaskUtil.MergeOptions()
                .setReplaceMessageFields(true).setReplaceRepeatedFields(true).setReplacePrimitiveFields(true));
        if (merged.getFormat() != current.getFormat() || merged.getMode() != current.getMode()
                || !merged.getKmsKeyName().equals(current.getKmsKeyName())) {
            throw GoogleError.invalid("The format, mode and kms_key_name of a repository cannot be changed");
        }
        if (current.hasMavenConfig() && merged.getMavenConfig().getVersionPolicy() != current.getMavenConfig().getVersionPolicy()) {
            throw GoogleError.invalid("The version policy of a Maven repository cannot be changed");
        }
        check(merged);
        Repository updated = merged.setUpdateTime(FakeSecretManager.now()).build();
        repositories.put(name, updated);
        return Response.ok(print(updated));
    }

    private Response delete(String name) throws GoogleError {
        repository(name);
        String parent = name.substring(0, name.indexOf("/repositories/"));
        Operation operation = start(parent, () -> {
            repositories.remove(name);
            images.remove(name);
            return Empty.getDefaultInstance();
        }, () -> { });
        return Response.ok(print(operation));
    }

    private Response listRepositories(String parent, Request request) throws GoogleError {
        String filter = request.query("filter");
        Pattern nameMatches = null;
        if (filter != null && !filter.isBlank()) {
            Matcher f = NAME_FILTER.matcher(filter);
            if (!f.matches()) throw GoogleError.invalid("This fake filters on name=\"...\" only (filter=" + filter + ")");
            nameMatches = Pattern.compile(Pattern.quote(f.group(1)).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE);
        }
        Comparator<Repository> order = Comparator.comparing(Repository::getName);
        String orderBy = request.query("orderBy");
        if (orderBy != null && !orderBy.isBlank()) {
            String o = orderBy.trim().toLowerCase(java.util.Locale.ROOT);
            if (o.equals("name desc")) order = order.reversed();
            else if (!o.equals("name") && !o.equals("name asc")) throw GoogleError.invalid("This fake orders repositories by name only (orderBy=" + orderBy + ")");
        }
        List<Repository> all = new ArrayList<>();
        for (Repository r : repositories.values()) {
            if (!r.getName().startsWith(parent + "/repositories/")) continue;
            if (nameMatches == null || nameMatches.matcher(r.getName()).matches()) all.add(r);
        }
        all.sort(order);
        int[] range = FakeSecretManager.page(all.size(), request, 1000);
        ListRepositoriesResponse.Builder out = ListRepositoriesResponse.newBuilder().addAllRepositories(all.subList(range[0], range[1]));
        if (range[1] < all.size()) out.setNextPageToken(Integer.toString(range[1]));
        return Response.ok(print(out.build()));
    }

    private Response listImages(String repository, Request request) throws GoogleError {
        List<DockerImage> all = new ArrayList<>(images.getOrDefault(repository, Map.of()).values());
        Comparator<DockerImage> order = Comparator.comparing(DockerImage::getName);
        String orderBy = request.query("orderBy");
        if (orderBy != null && !orderBy.isBlank()) {
            String[] words = orderBy.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+");
            order = switch (words[0]) {
                case "name" -> order;
                case "upload_time", "uploadtime" -> Comparator.comparing((DockerImage i) -> Timestamps.toNanos(i.getUploadTime()));
                case "update_time", "updatetime" -> Comparator.comparing((DockerImage i) -> Timestamps.toNanos(i.getUpdateTime()));
                default -> throw GoogleError.invalid("Invalid order_by [" + orderBy + "]");
            };
            if (words.length > 1 && words[1].equals("desc")) order = order.reversed();
        }
        all.sort(order);
        int[] range = FakeSecretManager.page(all.size(), request, 1000);
        ListDockerImagesResponse.Builder out = ListDockerImagesResponse.newBuilder().addAllDockerImages(all.subList(range[0], range[1]));
        if (range[1] < all.size()) out.setNextPageToken(Integer.toString(range[1]));
        return Response.ok(print(out.build()));
    }

    // ---- operations

    private Operation start(String parent, Supplier<Message> effect, Runnable onFailure) {
        String name = parent + "/operations/" + UUID.randomUUID();
        Operation.Builder op = Operation.newBuilder().setName(name).setDone(false)
                .setMetadata(Any.pack(OperationMetadata.getDefaultInstance()));
        operations.put(name, new StoredOperation(op, effect, onFailure, nextFailure));
        nextFailure = null;
        return op.build();
    }

    private Operation readOperation(String name) {
        StoredOperation op = operations.get(name);
        if (!op.operation.getDone() && ++op.reads >= pollsUntilDone) {
            op.operation.setDone(true);
            if (op.failure != null) {
                op.onFailure.run();
                op.operation.setError(op.failure);
            } else {
                op.operation.setResponse(Any.pack(op.effect.get()));
            }
        }
        return op.operation.build();
    }

    // ---- checks

    private static void checkLocation(String location) throws GoogleError {
        if (!FakeSecretManager.REGIONS.contains(location) && !MULTI_REGIONS.contains(location)) {
            throw GoogleError.invalid("Invalid location [" + location + "]: not an Artifact Registry region or multi-region");
        }
    }

    private static void check(Repository.Builder b) throws GoogleError {
        FakeSecretManager.checkLabels(b.getLabelsMap(), LABEL_KEY, LABEL_VALUE);
        if (b.hasDockerConfig() && b.getFormat() != Repository.Format.DOCKER) {
            throw GoogleError.invalid("docker_config is only allowed on DOCKER repositories");
        }
        if (b.hasMavenConfig() && b.getFormat() != Repository.Format.MAVEN) {
            throw GoogleError.invalid("maven_config is only allowed on MAVEN repositories");
        }
        Repository.Mode mode = b.getMode();
        if (b.hasVirtualRepositoryConfig() && mode != Repository.Mode.VIRTUAL_REPOSITORY) {
            throw GoogleError.invalid("virtual_repository_config is only allowed on VIRTUAL_REPOSITORY repositories");
        }
        if (b.hasRemoteRepositoryConfig() != (mode == Repository.Mode.REMOTE_REPOSITORY)) {
            throw GoogleError.invalid("remote_repository_config is required on, and only allowed on, REMOTE_REPOSITORY repositories");
        }
    }

    private Repository repository(String name) throws GoogleError {
        Repository r = repositories.get(name);
        if (r == null) throw GoogleError.notFound("Requested entity was not found: repository " + name);
        return r;
    }

    // ---- test hooks

    /** The stored repository, docker image or operation (by its full name) in the API's JSON, or null. */
    public synchronized JsonNode json(String name) {
        if (repositories.containsKey(name)) return FakeSecretManager.toJson(repositories.get(name));
        StoredOperation op = operations.get(name);
        if (op != null) return print(op.operation.build());
        int at = name.indexOf("/dockerImages/");
        if (at < 0) return null;
        DockerImage image = images.getOrDefault(name.substring(0, at), Map.of())
                .get(name.substring(at + "/dockerImages/".length()).replace("/", "%2F"));
        return image == null ? null : FakeSecretManager.toJson(image);
    }

    /**
     * A push of {@code image:tag} ({@code tag} may be null) with manifest {@code digest}
     * ({@code sha256:…}) to a DOCKER repository, as {@code docker push} makes one: the image
     * {@code …/dockerImages/IMAGE@DIGEST} (slashes in IMAGE as {@code %2F}), the tag moved off any
     * other digest of the image. Returns the image's name.
     */
    public synchronized String pushImage(String repoName, String image, String tag, String digest) {
        Repository repo = repositories.get(repoName);
        if (repo == null || repo.getFormat() != Repository.Format.DOCKER) {
            throw new IllegalArgumentException("no DOCKER repository " + repoName);
        }
        if (!IMAGE.matcher(image).matches()) throw new IllegalArgumentException("not a docker image name: " + image);
        if (!DIGEST.matcher(digest).matches()) throw new IllegalArgumentException("not a sha256 digest: " + digest);
        String[] parts = repoName.split("/"); // projects/P/locations/L/repositories/R
        Map<String, DockerImage> inRepo = images.computeIfAbsent(repoName, k -> new LinkedHashMap<>()); // by IMAGE@DIGEST, IMAGE's slashes as %2F
        String encoded = image.replace("/", "%2F");
        var now = FakeSecretManager.now();
        if (tag != null) {
            for (Map.Entry<String, DockerImage> e : inRepo.entrySet()) {
                DockerImage other = e.getValue();
                if (e.getKey().startsWith(encoded + "@") && other.getTagsList().contains(tag)) {
                    List<String> tags = new ArrayList<>(other.getTagsList());
                    tags.remove(tag);
                    e.setValue(other.toBuilder().clearTags().addAllTags(tags).setUpdateTime(now).build());
                }
            }
        }
        String id = encoded + "@" + digest;
        DockerImage existing = inRepo.get(id);
        DockerImage.Builder b = existing != null ? existing.toBuilder().setUpdateTime(now) : DockerImage.newBuilder()
                .setName(repoName + "/dockerImages/" + id)
                .setUri(parts[3] + "-docker.pkg.dev/" + parts[1] + "/" + parts[5] + "/" + image + "@" + digest)
                .setMediaType(DOCKER_MEDIA_TYPE)
                .setUploadTime(now).setBuildTime(now).setUpdateTime(now);
        if (tag != null && !b.getTagsList().contains(tag)) b.addTags(tag);
        DockerImage pushed = b.build();
        inRepo.put(id, pushed);
        return pushed.getName();
    }

    // ---- helpers

    private static JsonNode print(Message message) {
        try {
            return FakeGoogleApis.JSON.readTree(JsonFormat.printer().usingTypeRegistry(TYPES).print(message));
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GoogleError noRoute(Request request) {
        return GoogleError.notFound("Artifact Registry does not serve " + request.method() + " " + request.path());
    }
}
