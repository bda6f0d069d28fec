package io.lifeboat.providers.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lifeboat.program.KubernetesSchemas;
import io.lifeboat.provider.Provider;
import io.lifeboat.provider.ProviderConfig;
import io.lifeboat.provider.ProviderException;
import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/**
 * The sim's Kubernetes: objects of a cluster that must exist and be active, in namespaces that
 * must exist; a namespace takes its contents with it, a cluster everything; a cluster of an AWS
 * emulator is taken to be there.
 */
class SimKubernetesTest {
    @TempDir
    Path dir;

    Provider cluster(String name, boolean external) throws ProviderException {
        Props.Builder in = Props.builder().put("cluster", name);
        if (external) in.put("awsEndpoint", "http://127.0.0.1:4566");
        return new SimProviderFactory(Map.of("LIFEBOAT_SIM_LATENCY", "none"))
                .open(new ProviderConfig("kubernetes", SimFixture.EAST, "sim", dir, Map.of(), in.build()));
    }

    static Props namespace(String name) {
        return Props.builder().put("apiVersion", "v1").put("kind", "Namespace")
                .put("metadata", PropertyValue.fromJava(Map.of("name", name))).build();
    }

    static Props configMap(String ns, String name) {
        return Props.builder().put("apiVersion", "v1").put("kind", "ConfigMap")
                .put("metadata", PropertyValue.fromJava(Map.of("name", name, "namespace", ns)))
                .put("data", PropertyValue.fromJava(Map.of("A", "1"))).build();
    }

    @Test
    void aClusterThatIsNotThereDoesNotAnswerAndItsObjectsAreGone() throws Exception {
        Provider k = cluster("nowhere", false);
        assertThatThrownBy(() -> k.type(KubernetesSchemas.NAMESPACE).create(SimFixture.urn(KubernetesSchemas.NAMESPACE, "etl"),
                namespace("etl"), SimFixture.ctx()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNAVAILABLE));
        assertThat(k.type(KubernetesSchemas.NAMESPACE).read("etl", namespace("etl"), Props.EMPTY, SimFixture.ctx())).isEmpty();
    }

    @Test
    void anEmulatorsClusterKeepsItsObjectsInTheSimAndANamespaceTakesItsContents() throws Exception {
        Provider k = cluster("emulated", true);
        k.type(KubernetesSchemas.NAMESPACE).create(SimFixture.urn(KubernetesSchemas.NAMESPACE, "etl"), namespace("etl"), SimFixture.ctx());
        assertThatThrownBy(() -> k.type(KubernetesSchemas.CONFIG_MAP).create(SimFixture.urn(KubernetesSchemas.CONFIG_MAP, "x"),
                configMap("missing", "env"), SimFixture.ctx()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND))
                .hasMessageContaining("namespaces \"missing\" not found");
        var made = k.type(KubernetesSchemas.CONFIG_MAP).create(SimFixture.urn(KubernetesSchemas.CONFIG_MAP, "env"), configMap("etl", "env"), SimFixture.ctx());
        assertThat(made.id()).isEqualTo("etl/env");
        assertThat(made.outputs().at("metadata.resourceVersion")).isEqualTo(PropertyValue.of("1"));
        Props updated = k.type(KubernetesSchemas.CONFIG_MAP).update("etl/env", made.outputs(),
                configMap("etl", "env").with("data", PropertyValue.fromJava(Map.of("A", "2"))), SimFixture.ctx());
        assertThat(updated.at("metadata.resourceVersion")).isEqualTo(PropertyValue.of("2"));

        k.type(KubernetesSchemas.NAMESPACE).delete("etl", Props.EMPTY, SimFixture.ctx());
        assertThat(k.type(KubernetesSchemas.CONFIG_MAP).read("etl/env", Props.EMPTY, Props.EMPTY, SimFixture.ctx())).isEmpty();
    }
}
