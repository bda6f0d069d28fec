package io.lifeboat.providers.gcp.fake;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.LabelDescriptor;
import com.google.api.LaunchStage;
import com.google.monitoring.v3.CreateNotificationChannelRequest;
import com.google.monitoring.v3.DeleteNotificationChannelRequest;
import com.google.monitoring.v3.GetNotificationChannelDescriptorRequest;
import com.google.monitoring.v3.GetNotificationChannelRequest;
import com.google.monitoring.v3.GetNotificationChannelVerificationCodeRequest;
import com.google.monitoring.v3.GetNotificationChannelVerificationCodeResponse;
import com.google.monitoring.v3.ListNotificationChannelDescriptorsRequest;
import com.google.monitoring.v3.ListNotificationChannelDescriptorsResponse;
import com.google.monitoring.v3.ListNotificationChannelsRequest;
import com.google.monitoring.v3.ListNotificationChannelsResponse;
import com.google.monitoring.v3.MutationRecord;
import com.google.monitoring.v3.NotificationChannel;
import com.google.monitoring.v3.NotificationChannelDescriptor;
import com.google.monitoring.v3.SendNotificationChannelVerificationCodeRequest;
import com.google.monitoring.v3.UpdateNotificationChannelRequest;
import com.google.monitoring.v3.VerifyNotificationChannelRequest;
import com.google.protobuf.BoolValue;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.Timestamps;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

/**
 * Cloud Monitoring v3's NotificationChannelService over gRPC (google-cloud-monitoring has no REST
 * transport), on its own plaintext Netty server at {@link #target()} ({@code 127.0.0.1:PORT}). The
 * service is built by hand from the proto messages of proto-google-cloud-monitoring-v3 (the
 * generated {@code *Grpc} stubs are not on the classpath), with the method names of
 * notification_service.proto: {@code google.monitoring.v3.NotificationChannelService/}
 * {@code CreateNotificationChannel}, {@code GetNotificationChannel},
 * {@code UpdateNotificationChannel}, {@code DeleteNotificationChannel},
 * {@code ListNotificationChannels}, {@code ListNotificationChannelDescriptors},
 * {@code GetNotificationChannelDescriptor}, {@code SendNotificationChannelVerificationCode},
 * {@code GetNotificationChannelVerificationCode} and {@code VerifyNotificationChannel}.
 *
 * <p>Checks, from notification.proto / notification_service.proto unless said: a parent
 * {@code projects/[PROJECT_ID_OR_NUMBER]} and channel names
 * {@code projects/P/notificationChannels/ID} (INVALID_ARGUMENT otherwise), the id assigned by the
 * server (a name given on create is not used); {@code type} required and one of the channel types
 * this fake describes (email, sms, slack, pagerduty, webhook_tokenauth, webhook_basicauth, pubsub,
 * google_chat, as the channel descriptors list them); {@code labels} only those of the type's
 * descriptor and the identifying ones present and well formed (email {@code email_address} a valid
 * address, sms {@code number} in E.164, pubsub {@code topic} {@code projects/*}{@code /topics/*},
 * webhooks an http(s) {@code url}, …); {@code user_labels} at most 64, keys
 * {@code [a-z][a-z0-9_-]{0,62}}, values {@code [a-z0-9_-]{0,63}}, each at most 128 bytes;
 * display name at most 512 and description at most 1024 characters; {@code verification_status}
 * refused on create and update ("illegal to specify"). email and sms channels are created
 * UNVERIFIED (the API makes email channels UNVERIFIED until {@code sendVerificationCode} and
 * {@code verify}, as the Console does not), other types VERIFICATION_STATUS_UNSPECIFIED; a change of
 * an email or sms channel's address makes it UNVERIFIED again (the real service's behaviour as best
 * known). {@code enabled} defaults to true. UPDATE merges the {@code update_mask}'s fields (without a
 * mask, every field the request sets, AIP-134); type is not changed by an update (INVALID_ARGUMENT).
 * DELETE without {@code force} of a channel an alert policy uses ({@link #usedByPolicy}) is refused
 * FAILED_PRECONDITION; {@code getVerificationCode} of an unverified channel FAILED_PRECONDITION; a
 * wrong code to {@code verify} INVALID_ARGUMENT; unknown channels NOT_FOUND. The service assigns
 * ids, so nothing it serves answers ALREADY_EXISTS; {@link #failNext} can.
 *
 * <p>Not served: list {@code filter} and {@code order_by} (refused when given, not ignored), alert
 * policies (only their use of channels, through {@link #usedByPolicy}).
 */
public final class FakeMonitoring implements AutoCloseable {
    public static final String SERVICE = "google.monitoring.v3.NotificationChannelService";

    private static final Pattern PARENT = Pattern.compile("projects/(?:[a-z][a-z0-9-]{4,28}[a-z0-9]|[0-9]+)");
    private static final Pattern CHANNEL = Pattern.compile("(projects/[^/]+)/notificationChannels/[^/]+");
    private static final Pattern USER_LABEL_KEY = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern USER_LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");
    private static final Pattern ANY = Pattern.compile("(?s).+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Set<String> SERVER_KEPT = Set.of("name", "creation_record", "mutation_records");
    private static final Set<String> UPDATABLE = Set.of("type", "display_name", "description", "labels", "user_labels", "enabled");

    /** A channel type as its descriptor lists it: its labels (with the form of a value), which identify it, whether it verifies. */
    private record ChannelType(String displayName, Map<String, Pattern> labels, List<String> identifying, boolean verifies) {
    }

    private static final Map<String, ChannelType> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("email", new ChannelType("Email", Map.of("email_address", EMAIL), List.of("email_address"), true));
        TYPES.put("sms", new ChannelType("SMS", Map.of("number", Pattern.compile("\\+[1-9][0-9]{6,14}")), List.of("number"), true));
        TYPES.put("slack", new ChannelType("Slack", Map.of("channel_name", ANY, "auth_token", ANY, "team", ANY), List.of("channel_name"), false));
        TYPES.put("pagerduty", new ChannelType("PagerDuty", Map.of("service_key", ANY), List.of("service_key"), false));
        TYPES.put("webhook_tokenauth", new ChannelType("Webhooks", Map.of("url", URL), List.of("url"), false));
        TYPES.put("webhook_basicauth", new ChannelType("Basic Auth Webhooks",
                Map.of("url", URL, "username", ANY, "password", ANY), List.of("url", "username", "password"), false));
        TYPES.put("pubsub", new ChannelType("Pub/Sub", Map.of("topic", Pattern.compile("projects/[^/]+/topics/[^/]+")), List.of("topic"), false));
        TYPES.put("google_chat", new ChannelType("Google Chat", Map.of("space", Pattern.compile("spaces/[^/]+")), List.of("space"), false));
    }

    private interface Handler<Q, R> {
        R handle(Q request) throws StatusException;
    }

    private static final class Fault {
        final String method;
        final Status status;
        int remaining;

        Fault(String method, Status status, int remaining) {
            this.method = method;
            this.status = status;
            this.remaining = remaining;
        }
    }

    private final Server server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
    private final Map<String, Set<String>> policies = new HashMap<>();
    private final Map<String, String> codes = new HashMap<>(); // code -> the identity it proves (type and identifying labels)
    private final Map<String, String> sent = new HashMap<>(); // channel -> the last code sent to it
    private final List<Fault> faults = new ArrayList<>();
    private volatile boolean down;

    public FakeMonitoring() throws IOException {
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(SERVICE);
        add(service, "CreateNotificationChannel", CreateNotificationChannelRequest.getDefaultInstance(),
                NotificationChannel.getDefaultInstance(), this::create);
        add(service, "GetNotificationChannel", GetNotificationChannelRequest.getDefaultInstance(),
                NotificationChannel.getDefaultInstance(), r -> channel(r.getName(), "name"));
        add(service, "UpdateNotificationChannel", UpdateNotificationChannelRequest.getDefaultInstance(),
                NotificationChannel.getDefaultInstance(), this::update);
        add(service, "DeleteNotificationChannel", DeleteNotificationChannelRequest.getDefaultInstance(),
                Empty.getDefaultInstance(), this::delete);
        add(service, "ListNotificationChannels", ListNotificationChannelsRequest.getDefaultInstance(),
                ListNotificationChannelsResponse.getDefaultInstance(), this::list);
        add(service, "ListNotificationChannelDescriptors", ListNotificationChannelDescriptorsRequest.getDefaultInstance(),
                ListNotificationChannelDescriptorsResponse.getDefaultInstance(), this::descriptors);
        add(service, "GetNotificationChannelDescriptor", GetNotificationChannelDescriptorRequest.getDefaultInstance(),
                NotificationChannelDescriptor.getDefaultInstance(), this::descriptor);
        add(service, "SendNotificationChannelVerificationCode", SendNotificationChannelVerificationCodeRequest.getDefaultInstance(),
                Empty.getDefaultInstance(), this::sendCode);
        add(service, "GetNotificationChannelVerificationCode", GetNotificationChannelVerificationCodeRequest.getDefaultInstance(),
                GetNotificationChannelVerificationCodeResponse.getDefaultInstance(), this::getCode);
        add(service, "VerifyNotificationChannel", VerifyNotificationChannelRequest.getDefaultInstance(),
                NotificationChannel.getDefaultInstance(), this::verify);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service.build()).build().start();
    }

    private <Q extends Message, R extends Message> void add(ServerServiceDefinition.Builder service, String method, Q request, R response,
                                                            Handler<Q, R> handler) {
        MethodDescriptor<Q, R> descriptor = MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, method))
                .setRequestMarshaller(ProtoUtils.marshaller(request))
                .setResponseMarshaller(ProtoUtils.marshaller(response))
                .build();
        service.addMethod(descriptor, ServerCalls.asyncUnaryCall((req, observer) -> {
            try {
                R answer;
                synchronized (this) {
                    if (down) throw Status.UNAVAILABLE.withDescription("The service is currently unavailable.").asException();
                    Status injected = fault(method);
                    if (injected != null) throw injected.asException();
                    answer = handler.handle(req);
                }
                observer.onNext(answer);
                observer.onCompleted();
            } catch (StatusException e) {
                observer.onError(e);
            }
        }));
    }

    // ---- methods

    private NotificationChannel create(CreateNotificationChannelRequest request) throws StatusException {
        String parent = parent(request.getName());
        if (!request.hasNotificationChannel()) throw invalid("notification_channel is required");
        NotificationChannel in = request.getNotificationChannel();
        if (in.getVerificationStatus() != NotificationChannel.VerificationStatus.VERIFICATION_STATUS_UNSPECIFIED) {
            throw invalid("verification_status may not be specified in CreateNotificationChannel");
        }
        ChannelType type = check(in);
        String name;
        do {
            name = parent + "/notificationChannels/" + (1_000_000_000_000_000L + Math.floorMod(random.nextLong(), 8_000_000_000_000_000_000L));
        } while (channels.containsKey(name));
        NotificationChannel.Builder b = in.toBuilder().setName(name).clearMutationRecords()
                .setCreationRecord(MutationRecord.newBuilder().setMutateTime(Timestamps.now()))
                .setVerificationStatus(type.verifies() ? NotificationChannel.VerificationStatus.UNVERIFIED
                        : NotificationChannel.VerificationStatus.VERIFICATION_STATUS_UNSPECIFIED);
        if (!in.hasEnabled()) b.setEnabled(BoolValue.of(true));
        NotificationChannel channel = b.build();
        channels.put(name, channel);
        return channel;
    }

    private NotificationChannel update(UpdateNotificationChannelRequest request) throws StatusException {
        if (!request.hasNotificationChannel()) throw invalid("notification_channel is required");
        NotificationChannel patch = request.getNotificationChannel();
        NotificationChannel current = channel(patch.getName(), "notification_channel.name");
        if (patch.getVerificationStatus() != NotificationChannel.VerificationStatus.VERIFICATION_STATUS_UNSPECIFIED) {
            throw invalid("verification_status may not be specified in UpdateNotificationChannel; use VerifyNotificationChannel");
        }
        FieldMask mask = request.getUpdateMask();
        if (mask.getPathsCount() == 0) {
            List<String> set = new ArrayList<>(); // no mask: every field the request sets (AIP-134), but for those the server keeps
            for (FieldDescriptor f : patch.getAllFields().keySet()) {
                if (!SERVER_KEPT.contains(f.getName())) set.add(f.getName());
            }
            mask = FieldMaskUtil.fromStringList(set);
        }
        for (String path : mask.getPathsList()) {
            if (!UPDATABLE.contains(path)) throw invalid("update_mask path [" + path + "] is not an updatable field of NotificationChannel");
        }
        NotificationChannel.Builder merged = current.toBuilder();
        FieldMaskUtil.merge(mask, patch, merged, new FieldMaskUtil.MergeOptions()
                .setReplaceMessageFields(true).setReplaceRepeatedFields(true).setReplacePrimitiveFields(true));
        if (!merged.getType().equals(current.getType())) throw invalid("The type of a notification channel cannot be changed");
        ChannelType type = check(merged.build());
        if (type.verifies() && !identity(merged.build()).equals(identity(current))) {
            merged.setVerificationStatus(NotificationChannel.VerificationStatus.UNVERIFIED);
        }
        merged.addMutationRecords(MutationRecord.newBuilder().setMutateTime(Timestamps.now()));
        NotificationChannel updated = merged.build();
        channels.put(updated.getName(), updated);
        return updated;
    }

    private Empty delete(DeleteNotificationChannelRequest request) throws StatusException {
        NotificationChannel channel = channel(request.getName(), "name");
        Set<String> users = policies.getOrDefault(channel.getName(), Set.of());
        if (!users.isEmpty() && !request.getForce()) {
            throw Status.FAILED_PRECONDITION.withDescription("Notification channel " + channel.getName()
                    + " is referenced by alert policies " + users + "; delete with force=true to remove it from them").asException();
        }
        channels.remove(channel.getName());
        policies.remove(channel.getName());
        sent.remove(channel.getName());
        return Empty.getDefaultInstance();
    }

    private ListNotificationChannelsResponse list(ListNotificationChannelsRequest request) throws StatusException {
        String parent = parent(request.getName());
        if (!request.getFilter().isEmpty()) throw invalid("This fake does not implement filter (filter=" + request.getFilter() + ")");
        if (!request.getOrderBy().isEmpty()) throw invalid("This fake does not implement order_by (order_by=" + request.getOrderBy() + ")");
        List<NotificationChannel> all = new ArrayList<>();
        for (NotificationChannel c : channels.values()) {
            if (c.getName().startsWith(parent + "/notificationChannels/")) all.add(c);
        }
        int from = start(request.getPageToken(), all.size());
        int to = request.getPageSize() > 0 ? Math.min(all.size(), from + request.getPageSize()) : all.size();
        ListNotificationChannelsResponse.Builder out = ListNotificationChannelsResponse.newBuilder()
                .addAllNotificationChannels(all.subList(from, to)).setTotalSize(all.size());
        if (to < all.size()) out.setNextPageToken(Integer.toString(to));
        return out.build();
    }

    private ListNotificationChannelDescriptorsResponse descriptors(ListNotificationChannelDescriptorsRequest request) throws StatusException {
        String parent = parent(request.getName());
        ListNotificationChannelDescriptorsResponse.Builder out = ListNotificationChannelDescriptorsResponse.newBuilder();
        for (String type : TYPES.keySet()) out.addChannelDescriptors(describe(parent, type));
        return out.build();
    }

    private NotificationChannelDescriptor descriptor(GetNotificationChannelDescriptorRequest request) throws StatusException {
        String name = request.getName();
        int at = name.indexOf("/notificationChannelDescriptors/");
        if (at < 0) throw invalid("name must be projects/[PROJECT_ID_OR_NUMBER]/notificationChannelDescriptors/[CHANNEL_TYPE]");
        String parent = parent(name.substring(0, at));
        String type = name.substring(at + "/notificationChannelDescriptors/".length());
        if (!TYPES.containsKey(type)) throw Status.NOT_FOUND.withDescription("Notification channel descriptor " + name + " not found").asException();
        return describe(parent, type);
    }

    private Empty sendCode(SendNotificationChannelVerificationCodeRequest request) throws StatusException {
        NotificationChannel channel = channel(request.getName(), "name");
        if (!TYPES.get(channel.getType()).verifies()) {
            throw Status.FAILED_PRECONDITION.withDescription("Channels of type " + channel.getType() + " are not verified").asException();
        }
        String code = "G-" + (100_000 + random.nextInt(900_000));
        codes.put(code, identity(channel));
        sent.put(channel.getName(), code);
        return Empty.getDefaultInstance();
    }

    private GetNotificationChannelVerificationCodeResponse getCode(GetNotificationChannelVerificationCodeRequest request) throws StatusException {
        NotificationChannel channel = channel(request.getName(), "name");
        if (channel.getVerificationStatus() != NotificationChannel.VerificationStatus.VERIFIED) {
            throw Status.FAILED_PRECONDITION.withDescription("Cannot generate a verification code from an unverified channel.").asException();
        }
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        codes.put(code, identity(channel));
        long max = System.currentTimeMillis() + TimeUnit.DAYS.toMillis(7);
        long expire = request.hasExpireTime() ? Math.min(Timestamps.toMillis(request.getExpireTime()), max) : max;
        return GetNotificationChannelVerificationCodeResponse.newBuilder().setCode(code).setExpireTime(Timestamps.fromMillis(expire)).build();
    }

    private NotificationChannel verify(VerifyNotificationChannelRequest request) throws StatusException {
        NotificationChannel channel = channel(request.getName(), "name");
        if (request.getCode().isEmpty()) throw invalid("code is required");
        if (!identity(channel).equals(codes.get(request.getCode()))) throw invalid("The verification code is not valid for " + channel.getName());
        NotificationChannel verified = channel.toBuilder().setVerificationStatus(NotificationChannel.VerificationStatus.VERIFIED).build();
        channels.put(verified.getName(), verified);
        return verified;
    }

    // ---- checks

    private static String parent(String name) throws StatusException {
        if (name.isEmpty()) throw invalid("name is required (projects/[PROJECT_ID_OR_NUMBER])");
        if (!PARENT.matcher(name).matches()) throw invalid("Invalid project name [" + name + "]: expected projects/[PROJECT_ID_OR_NUMBER]");
        return name;
    }

    private NotificationChannel channel(String name, String field) throws StatusException {
        if (name.isEmpty()) throw invalid(field + " is required");
        var m = CHANNEL.matcher(name);
        if (!m.matches()) throw invalid("Invalid " + field + " [" + name + "]: expected projects/[PROJECT_ID_OR_NUMBER]/notificationChannels/[CHANNEL_ID]");
        parent(m.group(1));
        NotificationChannel c = channels.get(name);
        if (c == null) throw Status.NOT_FOUND.withDescription("Notification channel " + name + " does not exist.").asException();
        return c;
    }

    private static ChannelType check(NotificationChannel c) throws StatusException {
        if (c.getType().isEmpty()) throw invalid("notification_channel.type is required");
        ChannelType type = TYPES.get(c.getType());
        if (type == null) throw invalid("Unknown notification channel type [" + c.getType() + "]; known: " + TYPES.keySet());
        for (Map.Entry<String, String> e : c.getLabelsMap().entrySet()) {
            Pattern form = type.labels().get(e.getKey());
            if (form == null) throw invalid("Label [" + e.getKey() + "] is not a label of channel type " + c.getType() + " " + type.labels().keySet());
            if (!form.matcher(e.getValue()).matches()) throw invalid("Invalid value [" + e.getValue() + "] of label [" + e.getKey() + "]");
        }
        for (String required : type.identifying()) {
            if (!c.getLabelsMap().containsKey(required)) throw invalid("Channel type " + c.getType() + " requires labels." + required);
        }
        if (c.getUserLabelsCount() > 64) throw invalid("At most 64 user_labels are allowed");
        for (Map.Entry<String, String> e : c.getUserLabelsMap().entrySet()) {
            if (!USER_LABEL_KEY.matcher(e.getKey()).matches() || bytes(e.getKey()) > 128) throw invalid("Invalid user label key [" + e.getKey() + "]");
            if (!USER_LABEL_VALUE.matcher(e.getValue()).matches() || bytes(e.getValue()) > 128) {
                throw invalid("Invalid value [" + e.getValue() + "] of user label [" + e.getKey() + "]");
            }
        }
        if (c.getDisplayName().codePointCount(0, c.getDisplayName().length()) > 512) throw invalid("display_name is limited to 512 characters");
        if (c.getDescription().codePointCount(0, c.getDescription().length()) > 1024) throw invalid("description may not exceed 1024 characters");
        return type;
    }

    private static String identity(NotificationChannel c) {
        StringBuilder id = new StringBuilder(c.getType());
        for (String label : TYPES.get(c.getType()).identifying()) id.append('\n').append(c.getLabelsOrDefault(label, ""));
        return id.toString();
    }

    private static NotificationChannelDescriptor describe(String parent, String type) {
        ChannelType t = TYPES.get(type);
        NotificationChannelDescriptor.Builder d = NotificationChannelDescriptor.newBuilder()
                .setName(parent + "/notificationChannelDescriptors/" + type).setType(type).setDisplayName(t.displayName())
                .setLaunchStage(LaunchStage.GA);
        for (String label : t.labels().keySet()) d.addLabels(LabelDescriptor.newBuilder().setKey(label));
        return d.build();
    }

    private static int start(String token, int size) throws StatusException {
        if (token.isEmpty()) return 0;
        try {
            int from = Integer.parseInt(token);
            if (from >= 0 && from <= size) return from;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("Invalid page_token [" + token + "]");
    }

    private static int bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static StatusException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asException();
    }

    private Status fault(String method) {
        for (Fault f : faults) {
            if (!f.method.equals(method)) continue;
            if (--f.remaining <= 0) faults.remove(f);
            return f.status;
        }
        return null;
    }

    // ---- test hooks and fault injection

    public int port() {
        return server.getPort();
    }

    /** {@code 127.0.0.1:PORT}, the endpoint for {@code InstantiatingGrpcChannelProvider} (plaintext). */
    public String target() {
        return "127.0.0.1:" + port();
    }

    /**
     * The next {@code times} calls of {@code method} ({@code CreateNotificationChannel}, or the full
     * {@code google.monitoring.v3.NotificationChannelService/CreateNotificationChannel}) fail with {@code status}.
     */
    public synchronized void failNext(String method, Status status, int times) {
        String bare = method.startsWith(SERVICE + "/") ? method.substring(SERVICE.length() + 1) : method;
        faults.add(new Fault(bare, status, times));
    }

    /** While down, every call fails UNAVAILABLE. */
    public void down(boolean down) {
        this.down = down;
    }

    /** The stored channel, or null. */
    public synchronized NotificationChannel channel(String name) {
        return channels.get(name);
    }

    /** The stored channel in the API's JSON, or null. */
    public synchronized JsonNode json(String name) {
        NotificationChannel c = channels.get(name);
        return c == null ? null : FakeSecretManager.toJson(c);
    }

    /** Marks the channel as used by an alert policy ({@code policy}, its name), as an AlertPolicy's notification_channels would. */
    public synchronized void usedByPolicy(String channelName, String policy) {
        policies.computeIfAbsent(channelName, k -> new LinkedHashSet<>()).add(policy);
    }

    /** The code SendNotificationChannelVerificationCode last delivered to the channel, or null. */
    public synchronized String verificationCode(String channelName) {
        return sent.get(channelName);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
