package io.lifeboat.spec;

import java.util.Locale;

/**
 * The closed set of things a spec can get wrong. The id is stable: it appears in
 * {@code lifeboat validate --format json} and in CI annotations.
 *
 * <p>{@code structural} marks the codes that the published JSON Schema also rejects, so that an
 * editor flags them before Lifeboat runs; the others need knowledge a schema cannot hold
 * (other files, other stacks, regions of a cloud, arithmetic on CIDRs).
 */
public enum DiagnosticCode {
    // reading the file
    FILE_NOT_FOUND(false),
    DOCUMENT_TOO_LARGE(false),
    INVALID_UTF8(false),
    EMPTY_DOCUMENT(false),
    MULTIPLE_DOCUMENTS(false),
    TAB_INDENTATION(false),
    YAML_SYNTAX(false),
    DUPLICATE_KEY(false),
    ALIAS_LIMIT(false),
    ALIAS_CYCLE(false),
    UNDEFINED_ALIAS(false),
    UNSUPPORTED_TAG(false),
    COMPLEX_KEY(false),
    // the shape of a document
    UNKNOWN_KIND(true),
    UNSUPPORTED_API_VERSION(true),
    UNKNOWN_KEY(true),
    WRONG_TYPE(true),
    MISSING_FIELD(true),
    INVALID_VALUE(true),
    OUT_OF_RANGE(true),
    INVALID_NAME(true),
    INVALID_CIDR(true),
    INVALID_EMAIL(true),
    INVALID_DURATION(true),
    INVALID_SECRET_REF(true),
    INVALID_URL(true),
    DUPLICATE_VALUE(true),
    TOO_FEW_ITEMS(true),
    // meaning, across fields, files and stacks
    NON_CANONICAL_CIDR(false),
    CIDR_OVERLAP(false),
    CIDR_PREFIX(false),
    ZONES_DO_NOT_FIT(false),
    DUPLICATE_NAME(false),
    UNKNOWN_REGION(false),
    INVALID_FOR_CLOUD(false),
    MIN_GREATER_THAN_MAX(false),
    BACKUP_INTERVAL(false),
    UNKNOWN_REFERENCE(false),
    REFERENCE_CYCLE(false),
    MISSING_FILE(false),
    PATH_ESCAPES_REPOSITORY(false),
    WRONG_DOCUMENT_KIND(false),
    PAIR_NOT_FOUND(false),
    PAIR_NOT_RECIPROCAL(false),
    PAIR_SAME_REGION(false),
    PAIR_MISMATCH(false),
    TWO_PRIMARIES(false),
    TWO_SECONDARIES(false),
    STATE_IN_SAME_REGION(false),
    PUBLIC_CIDR(false),
    UNPINNED_IMAGE(false),
    IGNORED_FIELD(false),
    NOT_FOR_PROGRAM(false);

    private final boolean structural;

    DiagnosticCode(boolean structural) {
        this.structural = structural;
    }

    /** The stable, kebab-case id, such as {@code unknown-key}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** True when the published JSON Schema rejects the same mistake. */
    public boolean structural() {
        return structural;
    }

    public static DiagnosticCode ofId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
