package io.lifeboat.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep-merges a stack's {@code overrides} into its platform's {@code spec}. Mappings merge key by
 * key; lists of named items (node pools, deployments, peerings, API keys) merge item by item by
 * name, adding items the platform lacks; any other value is replaced. Merged values keep the
 * position they were written at, so errors point into the file that set them.
 */
final class OverrideMerger {
    private OverrideMerger() {
    }

    static YamlNode merge(YamlNode base, YamlNode override, Shape shape) {
        if (override == null) return base;
        if (base == null) return override;
        if (shape instanceof Shape.StrOrObj) return override;
        if ((shape instanceof Shape.Obj || shape instanceof Shape.MapOf)
                && base instanceof YamlNode.Mapping b && override instanceof YamlNode.Mapping o) {
            Map<String, YamlNode.Entry> merged = new LinkedHashMap<>();
            for (YamlNode.Entry e : b.entries()) merged.put(e.key().text(), e);
            for (YamlNode.Entry e : o.entries()) {
                YamlNode.Entry prior = merged.get(e.key().text());
                Shape child = childShape(shape, e.key().text());
                if (prior == null || child == null) {
                    merged.put(e.key().text(), e);
                } else {
                    merged.put(e.key().text(), new YamlNode.Entry(e.key(), merge(prior.value(), e.value(), child)));
                }
            }
            return new YamlNode.Mapping(new ArrayList<>(merged.values()), b.at());
        }
        if (shape instanceof Shape.ListOf l && l.uniqueKey() != null
                && base instanceof YamlNode.Sequence b && override instanceof YamlNode.Sequence o) {
            List<YamlNode> items = new ArrayList<>(b.items());
            for (YamlNode item : o.items()) {
                int at = indexOf(items, l.uniqueKey(), keyOf(item, l.uniqueKey()));
                if (at < 0) items.add(item);
                else items.set(at, merge(items.get(at), item, l.item()));
            }
            return new YamlNode.Sequence(items, b.at());
        }
        return override;
    }

    private static Shape childShape(Shape shape, String key) {
        if (shape instanceof Shape.Obj o) {
            Shape.Field f = o.fields().get(key);
            return f == null ? null : f.shape();
        }
        return shape instanceof Shape.MapOf m ? m.value() : null;
    }

    private static String keyOf(YamlNode item, String key) {
        return item instanceof YamlNode.Mapping m && m.get(key) instanceof YamlNode.Scalar s ? s.text() : null;
    }

    private static int indexOf(List<YamlNode> items, String key, String value) {
        if (value == null) return -1;
        for (int i = 0; i < items.size(); i++) {
            if (value.equals(keyOf(items.get(i), key))) return i;
        }
        return -1;
    }
}
