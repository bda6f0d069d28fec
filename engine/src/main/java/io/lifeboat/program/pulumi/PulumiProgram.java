package io.lifeboat.program.pulumi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Empty;
import com.google.protobuf.Struct;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.lifeboat.plan.Source;
import io.lifeboat.resource.Goal;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;
import io.lifeboat.resource.ResourceOptions;
import io.lifeboat.resource.Urn;
import io.lifeboat.spec.SourcePosition;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.Provider.CheckFailure;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

/**
 * A pulumi-java program as a {@link Source}: Lifeboat plays Pulumi's engine for it, as
 * {@code pulumi up} does. It serves {@code ResourceMonitor} and {@code Engine} on 127.0.0.1 with
 * Pulumi's meaning, starts the program's JVM as Pulumi's Java language host does ({@code java
 * -jar} the project's binary, or Maven's {@code compile exec:java}) with the {@code PULUMI_*}
 * environment pointing at them, and turns each {@code RegisterResource} into a goal, answered
 * with the resource's outputs once it is applied (in a preview, those known before: an unknown
 * is the protocol's sentinel, and the id is empty). A custom resource without a
 * provider gets its package's default provider, {@code default} (or {@code default_<version>}),
 * configured as the stack's provider is (its region and endpoint). A physical name the program
 * leaves out is filled as Pulumi's providers do at Check ({@link AutoNames}): the state's, or a new
 * auto-name.
 */
public final class PulumiProgram implements Source {
    /** What the program tells the user: its output lines and its logs. Never called with secrets in clear by Lifeboat. */
    public interface Listener {
        void log(String severity, String urn, String message);

        void output(String line);

        /** The program's JVM exited: how long it was alive, and how much of that was its own (see {@link Lifetime}). */
        default void exited(Lifetime lifetime) {
        }
    }

    /**
     * How to run it: the stack's name, whether this is a preview, the program's config
     * ({@code project:key} or {@code pkg:key} to a string) and which of its keys are secret, the
     * default providers' configuration by package ({@code aws} to {@code region}, {@code endpoint}),
     * and the region the invokes answer for.
     */
    public record Settings(String stack, boolean preview, Map<String, String> config, List<String> secretKeys,
                           Function<String, Props> providerConfig, String region, Listener listener) {
    }

    /**
     * A program JVM's life: {@code alive} from its start to its exit; {@code beforeFirstCall}, its
     * JVM's and SDK's start until its first call to the engine; {@code afterLastAnswer}, from the
     * engine's last answer to its exit. The rest it spent running and waiting on the engine.
     */
    public record Lifetime(Duration alive, Duration beforeFirstCall, Duration afterLastAnswer) {
        /** What the program's own JVM cost: its start and its end, with no call to the engine under way. */
        public Duration own() {
            return beforeFirstCall.plus(afterLastAnswer);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 400 * 1024 * 1024;

    private final PulumiProject project;
    private final Settings settings;
    private final AutoNames autoNames = new AutoNames(io.lifeboat.program.Schemas::get, new java.security.SecureRandom());

    public PulumiProgram(PulumiProject project, Settings settings) {
        this.project = project;
        this.settings = settings;
    }

    public PulumiProject project() {
        return project;
    }

    @Override
    public Map<String, PropertyValue> run(Monitor monitor) {
        Run run = new Run(monitor);
        Server server;
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).maxInboundMessageSize(MAX_MESSAGE)
                    .addService(run.monitor).addService(run.engine).build().start();
        } catch (IOException e) {
            throw new ProgramFailed("cannot serve the program's resource monitor on 127.0.0.1: " + e.getMessage());
        }
        try {
            build(run);
            int code = run.program(server.getPort());
            if (run.registrationFailed.get()) throw new CompletionException(new IllegalStateException("a resource of the program failed"));
            if (code != 0 || !run.errors.isEmpty()) {
                String exited = code == 130 ? "the program was interrupted (SIGINT, exit 130)" : code == 143 ? "the program was terminated (SIGTERM, exit 143)"
                        : "the program exited with " + code;
                String why = run.errors.isEmpty() ? exited + lastLines(run.lines) : String.join("\n", run.errors);
                throw new ProgramFailed("program " + project.name() + " (" + project.dir().getFileName() + ") failed: " + why);
            }
            return run.stackOutputs;
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * A binary missing from the project (a commit's checkout, a fresh clone) is built first, as
     * its Maven project builds it ({@code mvn package}); without a pom.xml it is refused, saying so.
     */
    private void build(Run run) {
        if (project.binary() == null || Files.exists(project.dir().resolve(project.binary()))) return;
        if (!Files.isRegularFile(project.dir().resolve("pom.xml"))) {
            throw new ProgramFailed("program " + project.name() + ": its binary " + project.binary() + " (options.binary of " + PulumiProject.FILE
                    + ") does not exist in " + project.dir() + "; build it first");
        }
        List<String> mvn = List.of("mvn", "-B", "-q", "--no-transfer-progress", "package", "-DskipTests");
        settings.listener().output("building " + project.binary() + " with " + String.join(" ", mvn));
        ProcessBuilder pb = new ProcessBuilder(mvn).directory(project.dir().toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("LIFEBOAT_"));
        int code = run.await(pb, "build");
        if (code != 0) throw new ProgramFailed("program " + project.name() + " could not be built (" + String.join(" ", mvn) + " exited with " + code + ")"
                + lastLines(run.lines));
        if (!Files.exists(project.dir().resolve(project.binary()))) {
            throw new ProgramFailed("program " + project.name() + " was built, but its binary " + project.binary() + " is still missing: check options.binary in "
                    + PulumiProject.FILE);
        }
    }

    /** What a future failed with: the cause a CompletionException wraps, else the failure itself. */
    static Throwable cause(Throwable failed) {
        return failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }

    private static String lastLines(Deque<String> lines) {
        return lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines);
    }

    /** The command that starts the program, as Pulumi's Java language host runs it. */
    List<String> command() {
        String flag = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4"; // pulumi-java livelocks on Java 25 with 2 CPUs without it
        if (project.binary() != null) {
            return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), flag, "-jar", project.binary());
        }
        return List.of("mvn", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "--no-transfer-progress", "-q", "compile", "exec:java");
    }

    /** One run of the program: the services it talks to, and what it said. */
    private final class Run {
        final Monitor target;
        final Map<String, PropertyValue> stackOutputs = new LinkedHashMap<>();
        final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        final Deque<String> lines = new ArrayDeque<>();
        final AtomicBoolean registrationFailed = new AtomicBoolean();
        final Map<String, Urn> defaultProviders = new ConcurrentHashMap<>();
        /** The former URNs of each registered resource that has any (its children inherit them). */
        final Map<Urn, List<Urn>> aliasesOf = new ConcurrentHashMap<>();
        volatile Urn stackUrn;
        final SourcePosition source = SourcePosition.startOf(project.dir().resolve(PulumiProject.FILE).toString());
        /** When the program's JVM started, made its first call, and was last answered (System.nanoTime; 0: not yet). */
        volatile long started;
        final java.util.concurrent.atomic.AtomicLong firstCall = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong lastAnswer = new java.util.concurrent.atomic.AtomicLong();

        /** Notes a call of the program's; returns the observer to answer it through, which notes the answer. */
        <T> StreamObserver<T> called(StreamObserver<T> answer) {
            firstCall.compareAndSet(0, System.nanoTime());
            return new StreamObserver<>() {
                @Override
                public void onNext(T value) {
                    answer.onNext(value);
                }

                @Override
                public void onError(Throwable t) {
                    lastAnswer.set(System.nanoTime());
                    answer.onError(t);
                }

                @Override
                public void onCompleted() {
                    lastAnswer.set(System.nanoTime());
                    answer.onCompleted();
                }
            };
        }

        final ResourceMonitorGrpc.ResourceMonitorImplBase monitor = new ResourceMonitorGrpc.ResourceMonitorImplBase() {
            @Override
            public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> call) {
                var answer = called(call);
                // resource references and output values are sent as plain ids and values
                answer.onNext(SupportsFeatureResponse.newBuilder().setHasSupport(false).build());
                answer.onCompleted();
            }

            @Override
            public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> call) {
                var answer = called(call);
                Goal goal;
                try {
                    goal = goal(request);
                } catch (RuntimeException e) {
                    errors.add(request.getType() + " " + request.getName() + ": " + e.getMessage());
                    answer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                    return;
                }
                target.register(goal).whenComplete((outputs, failed) -> {
                    if (failed != null) {
                        registrationFailed.set(true);
                        Throwable cause = cause(failed);
                        answer.onError(Status.UNKNOWN.withDescription(String.valueOf(cause.getMessage())).asRuntimeException());
                        return;
                    }
                    answer.onNext(response(goal, outputs));
                    answer.onCompleted();
                });
            }

            @Override
            public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> call) {
                var answer = called(call);
                if (stackUrn != null && request.getUrn().equals(stackUrn.toString())) {
                    synchronized (stackOutputs) {
                        PulumiValues.props(request.getOutputs()).forEach(stackOutputs::put);
                    }
                }
                answer.onNext(Empty.getDefaultInstance());
                answer.onCompleted();
            }

            @Override
            public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> call) {
                var answer = called(call);
                answer.onNext(PulumiInvokes.answer(request.getTok(), settings.region()).map(r -> ResourceInvokeResponse.newBuilder().setReturn(r).build())
                        .orElseGet(() -> ResourceInvokeResponse.newBuilder().addFailures(CheckFailure.newBuilder().setProperty("")
                                .setReason("Lifeboat cannot answer the invoke " + request.getTok() + "; it answers " + PulumiInvokes.TOKENS)).build()));
                answer.onCompleted();
            }

            @Override
            public void readResource(ReadResourceRequest request, StreamObserver<ReadResourceResponse> call) {
                var answer = called(call);
                Goal goal;
                try {
                    goal = readGoal(request);
                } catch (RuntimeException e) {
                    errors.add(request.getType() + " " + request.getName() + ": " + e.getMessage());
                    answer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                    return;
                }
                target.read(goal, request.getId()).whenComplete((outputs, failed) -> {
                    if (failed != null) {
                        Throwable cause = cause(failed);
                        errors.add("reading " + request.getType() + " " + request.getId() + ": " + cause.getMessage());
                        answer.onError(Status.NOT_FOUND.withDescription(String.valueOf(cause.getMessage())).asRuntimeException());
                        return;
                    }
                    answer.onNext(ReadResourceResponse.newBuilder().setUrn(goal.urn().toString())
                            .setProperties(PulumiValues.struct(outputs.without("id"))).build());
                    answer.onCompleted();
                });
            }
        };

        final EngineGrpc.EngineImplBase engine = new EngineGrpc.EngineImplBase() {
            @Override
            public void log(LogRequest request, StreamObserver<Empty> call) {
                var answer = called(call);
                String severity = request.getSeverity().name();
                String message = shown(request.getMessage());
                if (severity.equals("ERROR")) errors.add(message);
                settings.listener().log(severity, request.getUrn(), message);
                answer.onNext(Empty.getDefaultInstance());
                answer.onCompleted();
            }
        };

        Run(Monitor target) {
            this.target = target;
        }

        Goal goal(RegisterResourceRequest r) {
            String type = r.getType();
            Urn parent = r.getParent().isEmpty() ? null : Urn.parse(r.getParent());
            Urn urn = Urn.of(settings.stack(), project.name(), parent, type, r.getName());
            if (type.equals(Urn.STACK_TYPE)) stackUrn = urn;
            Props inputs = PulumiValues.props(r.getObject());
            List<Urn> aliases = aliases(r, urn, parent);
            ResourceOptions options = ResourceOptions.NONE.withParent(parent);
            if (Urn.isProviderType(type)) {
                inputs = withStackDefaults(Urn.providerPackage(type), inputs);
            } else if (r.getCustom()) {
                // the engine's side of Check: a physical name the program left out is the state's, or a new auto-name;
                // a replacement takes a new one (Pulumi checks it again without the old inputs), so it is made before its old copy goes
                Props given = inputs;
                Props recorded = recorded(urn, aliases);
                inputs = autoNames.fill(type, r.getName(), given, recorded);
                if (recorded != null) options = options.withReplacementDefaults(autoNames.fresh(type, r.getName(), given));
                options = options.withProvider(r.getProvider().isEmpty() ? defaultProvider(type, r.getVersion())
                        : Urn.parse(r.getProvider().substring(0, r.getProvider().lastIndexOf("::"))));
            }
            List<Urn> deps = new ArrayList<>();
            for (String d : r.getDependenciesList()) deps.add(Urn.parse(d));
            options = options.withDependsOn(deps).withProtect(r.getProtect()).withDeleteBeforeReplace(r.getDeleteBeforeReplace())
                    .withReplaceOnChanges(r.getReplaceOnChangesList()).withIgnoreChanges(r.getIgnoreChangesList()).withRetainOnDelete(r.getRetainOnDelete())
                    .withCustomTimeouts(timeouts(r.getCustomTimeouts())).withAliases(aliases)
                    .withDeletedWith(r.getDeletedWith().isEmpty() ? null : Urn.parse(r.getDeletedWith()));
            return new Goal(urn, r.getCustom(), inputs, options, source);
        }

        /** The inputs the state records for a resource, under its URN or else one of its aliases (a renamed one keeps its auto-names); null when none. */
        Props recorded(Urn urn, List<Urn> aliases) {
            Props recorded = target.recorded(urn);
            for (int i = 0; recorded == null && i < aliases.size(); i++) recorded = target.recorded(aliases.get(i));
            return recorded;
        }

        /**
         * The URNs a resource was known by, as Pulumi's engine computes them: each alias the SDK
         * sent (a URN, or a spec whose empty fields are the resource's own: its name, type, stack,
         * project and parent, or no parent), and, for the child of a resource that has aliases, its
         * own name and type under each of its parent's former URNs.
         */
        List<Urn> aliases(RegisterResourceRequest r, Urn urn, Urn parent) {
            java.util.Set<Urn> out = new java.util.LinkedHashSet<>();
            for (String a : r.getAliasURNsList()) out.add(Urn.parse(a));
            for (pulumirpc.AliasOuterClass.Alias a : r.getAliasesList()) {
                if (a.hasSpec()) {
                    pulumirpc.AliasOuterClass.Alias.Spec spec = a.getSpec();
                    Urn aliasParent = spec.getNoParent() ? null : !spec.getParentUrn().isEmpty() ? Urn.parse(spec.getParentUrn()) : parent;
                    out.add(Urn.of(orElse(spec.getStack(), settings.stack()), orElse(spec.getProject(), project.name()), aliasParent,
                            orElse(spec.getType(), r.getType()), orElse(spec.getName(), r.getName())));
                } else if (!a.getUrn().isEmpty()) {
                    out.add(Urn.parse(a.getUrn()));
                }
            }
            for (Urn former : parent == null ? List.<Urn>of() : aliasesOf.getOrDefault(parent, List.of())) {
                out.add(Urn.of(settings.stack(), project.name(), former, r.getType(), r.getName()));
            }
            out.remove(urn);
            List<Urn> list = List.copyOf(out);
            if (!list.isEmpty()) aliasesOf.put(urn, list);
            return list;
        }

        /** The goal of a resource the program reads ({@code Resource.get}): its URN, what it knows of it, its provider. */
        Goal readGoal(ReadResourceRequest r) {
            Urn parent = r.getParent().isEmpty() ? null : Urn.parse(r.getParent());
            Urn urn = Urn.of(settings.stack(), project.name(), parent, r.getType(), r.getName());
            List<Urn> deps = new ArrayList<>();
            for (String d : r.getDependenciesList()) deps.add(Urn.parse(d));
            Urn provider = r.getProvider().isEmpty() ? defaultProvider(r.getType(), r.getVersion())
                    : Urn.parse(r.getProvider().substring(0, r.getProvider().lastIndexOf("::")));
            return new Goal(urn, true, PulumiValues.props(r.getProperties()), ResourceOptions.NONE.withParent(parent).withProvider(provider)
                    .withDependsOn(deps), source);
        }

        /** A provider the program made itself runs where the stack runs (the sim, an emulator) unless it says otherwise. */
        Props withStackDefaults(String pkg, Props inputs) {
            Props defaults = settings.providerConfig().apply(pkg);
            Props out = inputs;
            for (Map.Entry<String, PropertyValue> e : defaults.entrySet()) if (!out.containsKey(e.getKey())) out = out.with(e.getKey(), e.getValue());
            return out;
        }

        /** The package's default provider, registered with the first resource that needs it: {@code default}, or {@code default_<version>}. */
        Urn defaultProvider(String type, String version) {
            String pkg = type.substring(0, type.indexOf(':'));
            String name = version == null || version.isEmpty() ? "default" : "default_" + version.replaceAll("[.+-]", "_");
            return defaultProviders.computeIfAbsent(pkg + "/" + name, k -> {
                Urn urn = Urn.of(settings.stack(), project.name(), null, Urn.providerType(pkg), name);
                Props config = settings.providerConfig().apply(pkg);
                if (version != null && !version.isEmpty()) config = config.with("version", new PropertyValue.Str(version));
                target.register(new Goal(urn, true, config, ResourceOptions.NONE, source));
                return urn;
            });
        }

        RegisterResourceResponse response(Goal goal, Props outputs) {
            RegisterResourceResponse.Builder b = RegisterResourceResponse.newBuilder().setUrn(goal.urn().toString());
            PropertyValue id = outputs.get("id");
            if (goal.custom()) b.setId(id instanceof PropertyValue.Str s ? s.value() : "");
            // in a preview, what is not known yet is the protocol's unknown sentinel (an output the program never set is absent)
            return b.setObject(PulumiValues.struct(outputs.without("id"))).build();
        }

        /** Starts the program, pointed at the services on {@code port}, and waits for it to end; its exit code. */
        int program(int port) {
            ProcessBuilder pb = new ProcessBuilder(command()).directory(project.dir().toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            // the program's JVM gets the environment Pulumi's host gives it, never Lifeboat's own secrets (its passphrase)
            env.keySet().removeIf(k -> k.startsWith("LIFEBOAT_"));
            env.put("PULUMI_MONITOR", "127.0.0.1:" + port);
            env.put("PULUMI_ENGINE", "127.0.0.1:" + port);
            env.put("PULUMI_PROJECT", project.name());
            env.put("PULUMI_STACK", settings.stack());
            env.put("PULUMI_ORGANIZATION", "organization");
            env.put("PULUMI_DRY_RUN", String.valueOf(settings.preview()));
            env.put("PULUMI_PARALLEL", "16");
            try {
                env.put("PULUMI_CONFIG", JSON.writeValueAsString(settings.config()));
                env.put("PULUMI_CONFIG_SECRET_KEYS", JSON.writeValueAsString(settings.secretKeys()));
            } catch (IOException e) {
                throw new ProgramFailed("cannot write the program's config: " + e.getMessage());
            }
            if (project.binary() == null) {
                String opts = env.getOrDefault("MAVEN_OPTS", "");
                env.put("MAVEN_OPTS", (opts + " -Djava.util.concurrent.ForkJoinPool.common.parallelism=4").trim());
            }
            long start = System.nanoTime();
            started = start;
            try {
                return await(pb, "run");
            } finally {
                long end = System.nanoTime();
                long first = firstCall.get() == 0 ? end : firstCall.get();
                long last = lastAnswer.get() == 0 ? end : lastAnswer.get();
                settings.listener().exited(new Lifetime(Duration.ofNanos(end - start), Duration.ofNanos(first - start), Duration.ofNanos(end - last)));
            }
        }

        /** Starts a process of the program ({@code what}: its run, its build), its output told as the program's, and waits for its exit code. */
        int await(ProcessBuilder pb, String what) {
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new ProgramFailed("cannot " + what + " program " + project.name() + " (" + String.join(" ", pb.command()) + "): " + e.getMessage());
            }
            Thread reader = new Thread(() -> read(p), "lifeboat-program-output");
            reader.setDaemon(true);
            reader.start();
            try {
                int code = p.waitFor();
                reader.join(Duration.ofSeconds(5).toMillis());
                return code;
            } catch (InterruptedException e) {
                p.destroy();
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
                } catch (InterruptedException again) {
                    p.destroyForcibly();
                }
                Thread.currentThread().interrupt();
                throw new ProgramFailed("program " + project.name() + " was interrupted");
            }
        }

        private void read(Process p) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.addLast(line);
                        if (lines.size() > 20) lines.removeFirst();
                    }
                    settings.listener().output(line);
                }
            } catch (IOException e) {
                // the program's output ended with it
            }
        }
    }

    /**
     * A log message of the program as it may be shown: the SDK's debug messages print whole
     * requests, secret values in clear inside their secret envelope, so a message that holds one
     * is withheld.
     */
    static String shown(String message) {
        if (!message.contains(PulumiValues.SECRET_SIG)) return message;
        String first = message.lines().findFirst().orElse("").strip();
        return "[a message of the program holding a secret value, withheld" + (first.contains(PulumiValues.SECRET_SIG) ? "" : ": " + first) + "]";
    }

    /** Go durations as the SDK sends them ({@code 5m}, {@code 1h30m}, {@code 90s}); empty for none. */
    static ResourceOptions.CustomTimeouts timeouts(RegisterResourceRequest.CustomTimeouts t) {
        return new ResourceOptions.CustomTimeouts(duration(t.getCreate()), duration(t.getUpdate()), duration(t.getDelete()));
    }

    static Duration duration(String go) {
        if (go == null || go.isBlank()) return null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)").matcher(go);
        double millis = 0;
        int at = 0;
        while (m.find()) {
            if (m.start() != at) throw new IllegalArgumentException("not a duration: " + go);
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> n * 3_600_000;
                case "m" -> n * 60_000;
                case "s" -> n * 1000;
                default -> n;
            };
            at = m.end();
        }
        if (at != go.length()) throw new IllegalArgumentException("not a duration: " + go);
        return Duration.ofMillis((long) millis);
    }

}
