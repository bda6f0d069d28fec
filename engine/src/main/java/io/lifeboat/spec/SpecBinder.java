package io.lifeboat.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the model from a document's nodes. It runs after {@link ShapeValidator} and tolerates
 * what that reported: a missing or ill-typed value becomes null (or its default), so the checks
 * on meaning can still run and report in the same pass.
 */
final class SpecBinder {
    private SpecBinder() {
    }

    static Platform platform(String name, YamlNode specNode) {
        YamlNode.Mapping spec = asMap(specNode);
        YamlNode.Mapping net = map(spec, "network");
        Platform.Network network = new Platform.Network(cidr(net, "cidr"), intOr(net, "zones", 3));

        List<Platform.Peering> peerings = new ArrayList<>();
        for (YamlNode.Mapping p : maps(spec, "peerings")) {
            peerings.add(new Platform.Peering(text(p, "name"), text(p, "peerVpcId"), text(p, "peerAccount"),
                    text(p, "peerRegion"), cidr(p, "peerCidr")));
        }

        YamlNode.Mapping cl = map(spec, "cluster");
        List<Platform.NodePool> pools = new ArrayList<>();
        for (YamlNode.Mapping p : maps(cl, "nodePools")) {
            pools.add(new Platform.NodePool(text(p, "name"), text(p, "instanceType"), intOr(p, "min", 0),
                    intOr(p, "max", 0), intOr(p, "diskGiB", 100)));
        }
        Platform.Cluster cluster = new Platform.Cluster(text(cl, "kubernetesVersion"), pools);

        YamlNode.Mapping db = map(spec, "database");
        YamlNode.Mapping bk = map(db, "backup");
        Platform.Backup backup = new Platform.Backup(duration(bk, "every"), intOr(bk, "retainDays", 7), boolOr(bk, "copyToPair", true));
        Platform.Database database = new Platform.Database(text(db, "engine"), text(db, "version"), text(db, "size"),
                intOr(db, "storageGiB", 100), backup, duration(map(db, "replica"), "maxLag"));

        Platform.Registry registry = new Platform.Registry(boolOr(map(spec, "registry"), "replicateToPair", true));

        List<Platform.Deployment> deployments = new ArrayList<>();
        for (YamlNode.Mapping d : maps(spec, "deployments")) {
            Map<String, Platform.EnvValue> env = new LinkedHashMap<>();
            for (YamlNode.Entry e : entries(d, "env")) {
                if (e.value() instanceof YamlNode.Mapping secret) {
                    String ref = text(secret, "secret");
                    Platform.SecretRef parsed = ref == null ? null : Platform.SecretRef.parse(ref);
                    if (parsed != null) env.put(e.key().text(), new Platform.Secret(parsed));
                } else if (e.value() instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.STRING) {
                    env.put(e.key().text(), new Platform.Plain(s.text()));
                }
            }
            List<Platform.ApiKey> keys = new ArrayList<>();
            for (YamlNode.Mapping k : maps(d, "apiKeys")) {
                keys.add(new Platform.ApiKey(text(k, "name"), text(k, "role")));
            }
            String executor = textOr(d, "executor", "celery");
            List<Platform.WorkerQueue> queues = new ArrayList<>();
            for (YamlNode.Mapping q : maps(d, "workerQueues")) queues.add(new Platform.WorkerQueue(text(q, "name"), intOr(q, "workers", 1)));
            if (queues.isEmpty() && executor.equals("celery")) queues.add(new Platform.WorkerQueue("default", 1));
            deployments.add(new Platform.Deployment(text(d, "name"), text(d, "runtime"), executor,
                    text(d, "image"), env, keys, texts(d, "alertEmails"), executor.equals("celery") ? queues : List.of()));
        }

        Map<String, Platform.RawResource> resources = new LinkedHashMap<>();
        for (YamlNode.Entry e : entries(spec, "resources")) {
            YamlNode.Mapping r = asMap(e.value());
            YamlNode.Mapping o = map(r, "options");
            Map<String, Duration> timeouts = new LinkedHashMap<>();
            YamlNode.Mapping t = map(o, "customTimeouts");
            for (String op : List.of("create", "update", "delete")) {
                Duration d = duration(t, op);
                if (d != null) timeouts.put(op, d);
            }
            Platform.RawOptions options = new Platform.RawOptions(texts(o, "dependsOn"), boolOr(o, "protect", false),
                    boolOr(o, "deleteBeforeReplace", false), texts(o, "replaceOnChanges"), texts(o, "ignoreChanges"),
                    boolOr(o, "retainOnDelete", false), timeouts);
            Object props = plain(r == null ? null : r.get("properties"));
            @SuppressWarnings("unchecked")
            Map<String, Object> properties = props instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            resources.put(e.key().text(), new Platform.RawResource(e.key().text(), text(r, "type"), properties, options));
        }
        return new Platform(name, network, peerings, cluster, database, registry, deployments, resources);
    }

    /** A YAML value as plain Java: String, Long, Double, Boolean, null, List, Map (ordered). */
    static Object plain(YamlNode node) {
        if (node == null) return null;
        if (node instanceof YamlNode.Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (YamlNode.Entry e : m.entries()) out.put(e.key().text(), plain(e.value()));
            return out;
        }
        if (node instanceof YamlNode.Sequence s) {
            List<Object> out = new ArrayList<>();
            for (YamlNode item : s.items()) out.add(plain(item));
            return out;
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        try {
            return switch (s.type()) {
                case NULL -> null;
                case BOOL -> Boolean.valueOf(s.text().toLowerCase(java.util.Locale.ROOT));
                case INT -> Long.decode(s.text().startsWith("0o") ? "0" + s.text().substring(2) : s.text());
                case FLOAT -> Double.valueOf(s.text().replace(".inf", "Infinity").replace(".Inf", "Infinity")
                        .replace(".INF", "Infinity").replaceAll("\\.(nan|NaN|NAN)", "NaN"));
                case STRING -> s.text();
            };
        } catch (NumberFormatException e) {
            return s.text();
        }
    }

    static YamlNode.Mapping asMap(YamlNode node) {
        return node instanceof YamlNode.Mapping m ? m : null;
    }

    static YamlNode.Mapping map(YamlNode.Mapping parent, String key) {
        return parent == null ? null : asMap(parent.get(key));
    }

    static List<YamlNode.Mapping> maps(YamlNode.Mapping parent, String key) {
        List<YamlNode.Mapping> out = new ArrayList<>();
        if (parent != null && parent.get(key) instanceof YamlNode.Sequence s) {
            for (YamlNode item : s.items()) {
                if (item instanceof YamlNode.Mapping m) out.add(m);
            }
        }
        return out;
    }

    static List<YamlNode.Entry> entries(YamlNode.Mapping parent, String key) {
        YamlNode.Mapping m = map(parent, key);
        return m == null ? List.of() : m.entries();
    }

    static String text(YamlNode.Mapping parent, String key) {
        if (parent != null && parent.get(key) instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.STRING) {
            return s.text();
        }
        return null;
    }

    static String textOr(YamlNode.Mapping parent, String key, String fallback) {
        String t = text(parent, key);
        return t == null ? fallback : t;
    }

    static List<String> texts(YamlNode.Mapping parent, String key) {
        List<String> out = new ArrayList<>();
        if (parent != null && parent.get(key) instanceof YamlNode.Sequence s) {
            for (YamlNode item : s.items()) {
                if (item instanceof YamlNode.Scalar sc && sc.type() == YamlNode.ScalarType.STRING) out.add(sc.text());
            }
        }
        return out;
    }

    static int intOr(YamlNode.Mapping parent, String key, int fallback) {
        if (parent != null && parent.get(key) instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.INT) {
            try {
                return Integer.parseInt(s.text());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    static boolean boolOr(YamlNode.Mapping parent, String key, boolean fallback) {
        if (parent != null && parent.get(key) instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.BOOL) {
            return s.text().equalsIgnoreCase("true");
        }
        return fallback;
    }

    static Cidr cidr(YamlNode.Mapping parent, String key) {
        Cidr c = Cidr.parse(text(parent, key));
        return c != null && c.isCanonical() ? c : null;
    }

    static Duration duration(YamlNode.Mapping parent, String key) {
        return Durations.parse(text(parent, key));
    }
}
