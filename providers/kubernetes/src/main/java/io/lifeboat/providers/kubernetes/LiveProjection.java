package io.lifeboat.providers.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * A live object cut down to the shape of what was applied: the keys the applied value has, at
 * every depth, with the live values; list items by position. The server's defaults (a pod's
 * {@code terminationMessagePath}, a Deployment's {@code strategy}) are not drift; a changed or
 * removed field that the spec sets is.
 */
final class LiveProjection {
    private LiveProjection() {
    }

    static PropertyValue project(PropertyValue live, PropertyValue applied) {
        if (applied instanceof PropertyValue.Obj a) {
            if (!(live instanceof PropertyValue.Obj l)) return live;
            Map<String, PropertyValue> out = new TreeMap<>();
            for (Map.Entry<String, PropertyValue> e : a.props().entrySet()) {
                PropertyValue there = l.props().get(e.getKey());
                if (there != null) out.put(e.getKey(), project(there, e.getValue()));
            }
            return new PropertyValue.Obj(new Props(out));
        }
        if (applied instanceof PropertyValue.Arr a && live instanceof PropertyValue.Arr l) {
            List<PropertyValue> out = new ArrayList<>();
            for (int i = 0; i < l.items().size(); i++) {
                PropertyValue shape = i < a.items().size() ? a.items().get(i) : null;
                out.add(shape == null ? l.items().get(i) : project(l.items().get(i), shape));
            }
            return new PropertyValue.Arr(out);
        }
        return live;
    }
}
