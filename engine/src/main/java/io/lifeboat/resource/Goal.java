package io.lifeboat.resource;

import java.util.LinkedHashSet;
import java.util.Set;

import io.lifeboat.spec.SourcePosition;

/**
 * A resource the program wants to exist, as Pulumi's RegisterResource has it: type, name,
 * inputs (which may refer to other resources' outputs), options, and where the spec asked for it.
 *
 * @param custom true for a cloud resource managed by a provider, false for a component
 */
public record Goal(Urn urn, boolean custom, Props inputs, ResourceOptions options, SourcePosition source) {

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
