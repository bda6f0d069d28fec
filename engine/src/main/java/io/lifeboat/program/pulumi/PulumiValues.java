package io.lifeboat.program.pulumi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * Property values as Pulumi's gRPC protocol carries them in {@code google.protobuf.Struct}s
 * (pulumi/sdk/go/common/resource/plugin/rpc.go): an unknown is the string
 * {@value #UNKNOWN}; a secret is an object whose {@value #SIG} key is {@value #SECRET_SIG} with
 * the value under {@code value}; a resource reference ({@value #RESOURCE_SIG}) carries its URN
 * and id, and is taken as the id (or, for a component, the URN). Assets and archives are
 * refused: the clouds Lifeboat serves take none.
 */
public final class PulumiValues {
    public static final String UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    public static final String SIG = "4dabf18193072939515e22adb298388d";
    public static final String SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
    public static final String RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
    static final String ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
    static final String ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
    static final String OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

    private PulumiValues() {
    }

    /** The properties a Struct holds. */
    public static Props props(Struct s) {
        Map<String, PropertyValue> out = new TreeMap<>();
        s.getFieldsMap().forEach((k, v) -> out.put(k, value(v)));
        return new Props(out);
    }

    public static PropertyValue value(Value v) {
        switch (v.getKindCase()) {
            case NULL_VALUE:
            case KIND_NOT_SET:
                return PropertyValue.NULL;
            case BOOL_VALUE:
                return new PropertyValue.Bool(v.getBoolValue());
            case NUMBER_VALUE:
                return new PropertyValue.Num(v.getNumberValue());
            case STRING_VALUE:
                return UNKNOWN.equals(v.getStringValue()) ? PropertyValue.UNKNOWN : new PropertyValue.Str(v.getStringValue());
            case LIST_VALUE: {
                List<PropertyValue> items = new ArrayList<>();
                for (Value item : v.getListValue().getValuesList()) items.add(value(item));
                return new PropertyValue.Arr(items);
            }
            default: {
                Struct s = v.getStructValue();
                Value sig = s.getFieldsMap().get(SIG);
                if (sig == null) return new PropertyValue.Obj(props(s));
                String kind = sig.getStringValue();
                if (SECRET_SIG.equals(kind)) return new PropertyValue.Secret(value(s.getFieldsOrDefault("value", nullValue())));
                if (RESOURCE_SIG.equals(kind)) {
                    String id = s.getFieldsOrDefault("id", nullValue()).getStringValue();
                    if (s.containsFields("id")) return id.isEmpty() || UNKNOWN.equals(id) ? PropertyValue.UNKNOWN : new PropertyValue.Str(id);
                    return new PropertyValue.Str(s.getFieldsOrDefault("urn", nullValue()).getStringValue());
                }
                if (OUTPUT_SIG.equals(kind)) {
                    boolean secret = s.getFieldsOrDefault("secret", nullValue()).getBoolValue();
                    PropertyValue inner = s.containsFields("value") ? value(s.getFieldsOrThrow("value")) : PropertyValue.UNKNOWN;
                    return secret ? new PropertyValue.Secret(inner) : inner;
                }
                throw new IllegalArgumentException(ASSET_SIG.equals(kind) || ARCHIVE_SIG.equals(kind)
                        ? "assets and archives are not supported by Lifeboat's providers" : "unknown special value " + kind);
            }
        }
    }

    /** Properties as a Struct: unknowns as the sentinel, secrets as secret objects. */
    public static Struct struct(Props props) {
        Struct.Builder b = Struct.newBuilder();
        props.forEach((k, v) -> {
            if (v != null) b.putFields(k, value(v));
        });
        return b.build();
    }

    public static Value value(PropertyValue v) {
        if (v == null || v instanceof PropertyValue.Null) return nullValue();
        if (v instanceof PropertyValue.Bool b) return Value.newBuilder().setBoolValue(b.value()).build();
        if (v instanceof PropertyValue.Num n) return Value.newBuilder().setNumberValue(n.value()).build();
        if (v instanceof PropertyValue.Str s) return Value.newBuilder().setStringValue(s.value()).build();
        if (v instanceof PropertyValue.Arr a) {
            ListValue.Builder l = ListValue.newBuilder();
            for (PropertyValue item : a.items()) l.addValues(value(item));
            return Value.newBuilder().setListValue(l).build();
        }
        if (v instanceof PropertyValue.Obj o) return Value.newBuilder().setStructValue(struct(o.props())).build();
        if (v instanceof PropertyValue.Secret s) {
            return Value.newBuilder().setStructValue(Struct.newBuilder()
                    .putFields(SIG, Value.newBuilder().setStringValue(SECRET_SIG).build())
                    .putFields("value", value(s.value()))).build();
        }
        // an unknown, or a reference not resolved yet
        return Value.newBuilder().setStringValue(UNKNOWN).build();
    }

    private static Value nullValue() {
        return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
}
