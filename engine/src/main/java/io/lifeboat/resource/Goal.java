package io.lifeboat.resource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.lifeboat.spec.SourcePosition;

/**
 * A resource the program wants to exist, as Pulumi's RegisterResource has it: type, name,
 * inputs (which may refer to other resources' outputs), options, and where the spec asked for it.
 *
 * @param custom true for a cloud resource managed by a provider, false for a component
 */
public record Goal(Urn urn, boolean custom, Props inputs, ResourceOptions options, SourcePosition source) {
    /** Outputs that name the object itself, in any cloud: its id, AWS's ARN, a name, GCP's self link. */
    private static final Set<String> IDENTITIES = Set.of("id", "arn", "name", "selfLink");
    private static final List<String> IDENTITY_SUFFIXES = List.of("Id", "Arn", "Name", "SelfLink");

    public String type() {
        return urn.type();
    }

    public String name() {
        return urn.name();
    }

    /** Everything this resource needs to exist first: parent, provider, dependsOn and references. */
    public Set<Urn> dependencies() {
        Set<Urn> deps = new LinkedHashSet<>();
        if (options.parent() != null) deps.add(options.parent());
        if (options.provider() != null) deps.add(options.provider());
        deps.addAll(options.dependsOn());
        collectRefs(inputs, deps);
        return deps;
    }

    /** The resources each input property refers to (Pulumi's propertyDependencies). */
    public java.util.Map<String, Set<Urn>> propertyDependencies() {
        java.util.Map<String, Set<Urn>> out = new java.util.TreeMap<>();
        inputs.forEach((k, v) -> {
            Set<Urn> refs = new LinkedHashSet<>();
            collectRefs(v, refs);
            out.put(k, refs);
        });
        return out;
    }

    /**
     * Whether this resource holds on to {@code dep} itself (its parent, provider, an explicit
     * dependency, or a reference to its id, ARN, name or self link), rather than only to a value copied from
     * it (an endpoint, a version), which a new {@code dep} simply updates.
     */
    public boolean linksTo(Urn dep) {
        if (dep.equals(options.parent()) || dep.equals(options.provider()) || options.dependsOn().contains(dep)) return true;
        Set<String> properties = new LinkedHashSet<>();
        collectRefProperties(new PropertyValue.Obj(inputs), dep, properties);
        if (properties.isEmpty()) return true; // known only from the state: assume the strongest tie
        for (String p : properties) {
            String last = p.substring(p.lastIndexOf('.') + 1);
            if (IDENTITIES.contains(last)) return true;
            for (String suffix : IDENTITY_SUFFIXES) if (last.endsWith(suffix)) return true;
        }
        return false;
    }

    private static void collectRefProperties(PropertyValue v, Urn target, Set<String> into) {
        if (v instanceof PropertyValue.Ref r) {
            if (r.target().equals(target)) into.add(r.property());
        } else if (v instanceof PropertyValue.Secret s) {
            collectRefProperties(s.value(), target, into);
        } else if (v instanceof PropertyValue.Arr a) {
            for (PropertyValue i : a.items()) collectRefProperties(i, target, into);
        } else if (v instanceof PropertyValue.Obj o) {
            for (PropertyValue i : o.props().values()) collectRefProperties(i, target, into);
        }
    }

    static void collectRefs(Props props, Set<Urn> into) {
        for (PropertyValue v : props.values()) collectRefs(v, into);
    }

    static void collectRefs(PropertyValue v, Set<Urn> into) {
        if (v instanceof PropertyValue.Ref r) {
            into.add(r.target());
        } else if (v instanceof PropertyValue.Secret s) {
            collectRefs(s.value(), into);
        } else if (v instanceof PropertyValue.Arr a) {
            for (PropertyValue i : a.items()) collectRefs(i, into);
        } else if (v instanceof PropertyValue.Obj o) {
            collectRefs(o.props(), into);
        }
    }
}
