package io.lifeboat.providers.sim.gcp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

import io.lifeboat.program.gcp.GcpSchemas;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.provider.ProviderException.Kind;
import io.lifeboat.provider.TypeSchema;
import io.lifeboat.providers.sim.Reference;
import io.lifeboat.providers.sim.SimObject;
import io.lifeboat.providers.sim.SimScope;
import io.lifeboat.providers.sim.SimType;
import io.lifeboat.resource.Props;

/**
 * A type of the gcp package on the simulated cloud: its schema is {@link GcpSchemas}', and it
 * answers as Google's APIs do ({@code googleapi: Error 404: The resource '…' was not found,
 * notFound}): 404 {@code notFound}, 409 {@code alreadyExists}, 400 {@code invalid} or
 * {@code badRequest}, 400 {@code failedPrecondition} ({@code resourceInUseByAnotherResource} on
 * compute) for an object still in use. GCP has no tag keys of its own to reserve. Names are unique
 * in the project, whatever region the object's home is: a create of a name the project holds in
 * any region of the sim is refused.
 */
abstract class GcpSimType extends SimType {
    /** The hidden field that holds the project an object was made in. */
    static final String PROJECT = "project";
    static final String RFC1035 = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

    protected GcpSimType(String token) {
        super(Objects.requireNonNull(GcpSchemas.get(token), "no schema for " + token));
    }

    protected GcpSimType(TypeSchema schema) {
        super(schema);
    }

    // ---- GCP's errors

    static ProviderException error(Kind kind, int http, String reason, String message) {
        return new ProviderException(kind, reason, "googleapi: Error " + http + ": " + message + ", " + reason);
    }

    static ProviderException invalid(String message) {
        return error(Kind.INVALID_INPUT, 400, "invalid", message);
    }

    static ProviderException badRequest(String message) {
        return error(Kind.INVALID_INPUT, 400, "badRequest", message);
    }

    static ProviderException notFoundPath(String path) {
        return error(Kind.NOT_FOUND, 404, "notFound", "The resource '" + path + "' was not found");
    }

    static ProviderException alreadyExists(String path) {
        return error(Kind.CONFLICT, 409, "alreadyExists", "The resource '" + path + "' already exists");
    }

    static ProviderException failedPrecondition(String message) {
        return error(Kind.INVALID_INPUT, 400, "failedPrecondition", message);
    }

    @Override
    public String notFoundCode() {
        return "notFound";
    }

    @Override
    protected String badParameter() {
        return "invalid";
    }

    @Override
    public ProviderException notFound(String id, String detail) {
        return notFoundPath(id);
    }

    @Override
    public ProviderException missingReference(Reference ref, String value, SimScope scope) {
        int at = value.indexOf("/projects/");
        return notFoundPath(at >= 0 ? value.substring(at + 1) : value);
    }

    /** Still used by another object: retryable, as the other may be on its way out. */
    @Override
    public ProviderException inUse(String message) {
        return service().equals("compute")
                ? error(Kind.TRANSIENT, 400, "resourceInUseByAnotherResource", message)
                : error(Kind.TRANSIENT, 400, "failedPrecondition", message);
    }

    @Override
    public ProviderException duplicate(Props in, SimObject existing) {
        return alreadyExists(existing.id());
    }

    @Override
    public ProviderException quotaExceeded(int limit) {
        return error(Kind.QUOTA, 403, "quotaExceeded", "Quota '" + noun().toUpperCase(java.util.Locale.ROOT) + "S' exceeded. Limit: " + limit + ".");
    }

    @Override
    protected ProviderException labelError(String message) {
        return invalid(message);
    }

    @Override
    public Map<String, String> hiddenOnCreate(String id, Props in, SimScope scope) {
        return scope.project() == null ? Map.of() : Map.of(PROJECT, scope.project());
    }

    // ---- checks

    /**
     * The type's own checks ({@link #check}), then, on create, the id's name must be free in the
     * project: in every region of the sim, since GCP's names are the project's; then what must
     * stand around the object ({@link #preconditions}), once its inputs are known to be right.
     */
    @Override
    public final void validate(Props in, SimScope scope, SimObject current) throws ProviderException {
        check(in, scope, current);
        if (current == null && uniqueInProject()) {
            String id = newId(in, scope);
            SimObject taken = GcpRefs.anywhere(scope, token(), id);
            if (taken != null) throw duplicate(in, taken);
        }
        preconditions(in, scope, current);
    }

    protected void check(Props in, SimScope scope, SimObject current) throws ProviderException {
    }

    /** What other objects must be there for this one (failedPrecondition when they are not). */
    protected void preconditions(Props in, SimScope scope, SimObject current) throws ProviderException {
    }

    /** True when the id is made of the name (and the project): no two objects of the project may have it. */
    protected boolean uniqueInProject() {
        return true;
    }

    /** A name of {@code 1..max} characters as compute's names are: RFC 1035. */
    protected static void checkName(String field, String name, int max) throws ProviderException {
        if (name == null || name.length() > max || !name.matches(RFC1035)) {
            throw invalid("Invalid value for field '" + field + "': '" + name + "'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0," + (max - 2)
                    + "}[a-z0-9])?)'");
        }
    }

    /** The region input, when given, must be the provider's (a regional object is made in the region called). */
    protected static void checkRegion(Props in, String field, SimScope scope) throws ProviderException {
        String region = str(in, field);
        if (region != null && !region.equals(scope.region())) {
            throw invalid("Invalid value for field '" + field + "': '" + region + "'. The provider serves " + scope.region()
                    + "; an object of " + region + " is made through a provider of that region");
        }
    }

    /** An integer input within {@code min..max}, when given. */
    protected static Integer intIn(Props in, String field, long min, long max) throws ProviderException {
        Double v = num(in, field);
        if (v == null) return null;
        if (v != Math.rint(v) || v < min || v > max) {
            throw invalid("Invalid value for field '" + field + "': " + v + ". Must be an integer within " + min + ".." + max);
        }
        return v.intValue();
    }

    protected static void oneOf(Props in, String field, String... allowed) throws ProviderException {
        String v = str(in, field);
        if (v != null && !java.util.Arrays.asList(allowed).contains(v)) {
            throw invalid("Invalid value for field '" + field + "': '" + v + "'. Must be one of " + String.join(", ", allowed));
        }
    }

    // ---- GCP's shapes

    static String project(SimScope scope) {
        return scope.project();
    }

    /** RFC 3339 with milliseconds, as compute's {@code creationTimestamp}. */
    static String timestamp(Instant t) {
        return TIMESTAMP.format(t);
    }

    /** A numeric id of {@code digits} digits, as compute and monitoring give their objects. */
    static String numericId(SimScope scope, int digits) {
        StringBuilder b = new StringBuilder();
        b.append(1 + Math.abs(scope.ids().lowerAlnum(1).hashCode()) % 9);
        while (b.length() < digits) b.append(Integer.parseInt(scope.ids().upperHex(1), 16) % 10);
        return b.toString();
    }
}
