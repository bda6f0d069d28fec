package io.lifeboat.program.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;

import io.lifeboat.resource.PropertyValue;
import io.lifeboat.resource.Props;

/** Pulumi's wire values, its project files and its durations, as Lifeboat's engine reads and writes them. */
class PulumiProtocolTest {
    @TempDir
    Path dir;

    @Test
    void secretsUnknownsAndResourceReferencesCrossTheWireAsTheProtocolSays() {
        Props props = Props.builder().put("name", "db").put("port", 5432).put("password", new PropertyValue.Secret(new PropertyValue.Str("s3cret")))
                .put("vpcId", PropertyValue.UNKNOWN).put("tags", PropertyValue.fromJava(Map.of("team", "data")))
                .put("zones", PropertyValue.strings(List.of("a", "b"))).build();
        Struct wire = PulumiValues.struct(props);
        assertThat(wire.getFieldsOrThrow("vpcId").getStringValue()).isEqualTo(PulumiValues.UNKNOWN);
        Struct secret = wire.getFieldsOrThrow("password").getStructValue();
        assertThat(secret.getFieldsOrThrow(PulumiValues.SIG).getStringValue()).isEqualTo(PulumiValues.SECRET_SIG);
        assertThat(PulumiValues.props(wire)).isEqualTo(props);

        Struct ref = Struct.newBuilder().putFields(PulumiValues.SIG, Value.newBuilder().setStringValue(PulumiValues.RESOURCE_SIG).build())
                .putFields("urn", Value.newBuilder().setStringValue("urn:pulumi:s::p::aws:ec2/vpc:Vpc::main").build())
                .putFields("id", Value.newBuilder().setStringValue("vpc-123").build()).build();
        assertThat(PulumiValues.value(Value.newBuilder().setStructValue(ref).build())).isEqualTo(new PropertyValue.Str("vpc-123"));
    }

    @Test
    void aDebugMessageOfTheSdkThatPrintsASecretValueIsWithheld() {
        String request = "Registering resource monitor start: t=aws:secretsmanager/secretVersion:SecretVersion, name=api-key, request=type: \"x\"\n"
                + "  fields {\n    key: \"" + PulumiValues.SIG + "\"\n    value { string_value: \"" + PulumiValues.SECRET_SIG + "\" }\n"
                + "    key: \"value\"\n    value { string_value: \"k3y-in-clear-42\" }\n  }\n";
        assertThat(PulumiProgram.shown(request)).doesNotContain("k3y-in-clear-42").contains("withheld")
                .contains("aws:secretsmanager/secretVersion:SecretVersion");
        assertThat(PulumiProgram.shown(PulumiValues.SECRET_SIG + " k3y-in-clear-42")).doesNotContain("k3y-in-clear-42");
        assertThat(PulumiProgram.shown("Preparing resource: t=aws:ec2/vpc:Vpc")).isEqualTo("Preparing resource: t=aws:ec2/vpc:Vpc");
    }

    @Test
    void aProjectThatCannotBeRunIsRefusedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: etl\nruntime:\n  name: java\n  options:\n    binary: target/etl.jar\n");
        assertThat(PulumiProject.read(dir, "p/Pulumi.yaml").binary()).isEqualTo("target/etl.jar");

        Files.writeString(dir.resolve("Pulumi.yaml"), "name: etl\nruntime: nodejs\n");
        assertThatThrownBy(() -> PulumiProject.read(dir, "p/Pulumi.yaml")).hasMessageContaining("p/Pulumi.yaml:2")
                .hasMessageContaining("runtime 'nodejs'").hasMessageContaining("runtime: java");
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: etl\nruntime: java\n");
        assertThatThrownBy(() -> PulumiProject.read(dir, "p/Pulumi.yaml")).hasMessageContaining("p/Pulumi.yaml:2").hasMessageContaining("pom.xml");
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        assertThat(PulumiProject.read(dir, "p/Pulumi.yaml").binary()).as("a Maven project").isNull();
        Files.writeString(dir.resolve("Pulumi.yaml"), "runtime: java\n");
        assertThatThrownBy(() -> PulumiProject.read(dir, "p/Pulumi.yaml")).hasMessageContaining("no name");
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: etl\nruntime:\n  name: java\n  options:\n    binary: etl.zip\n");
        assertThatThrownBy(() -> PulumiProject.read(dir, "p/Pulumi.yaml")).hasMessageContaining("p/Pulumi.yaml:5").hasMessageContaining("not a jar");
        Files.delete(dir.resolve("Pulumi.yaml"));
        assertThatThrownBy(() -> PulumiProject.read(dir, "p/Pulumi.yaml")).hasMessageContaining("no Pulumi.yaml");
    }

    @Test
    void aStacksOwnConfigIsReadQualifiedAndAnEncryptedValueRefused() throws Exception {
        Files.writeString(dir.resolve("Pulumi.yaml"), "name: etl\nruntime:\n  name: java\n  options:\n    binary: etl.jar\n");
        PulumiProject project = PulumiProject.read(dir, "p/Pulumi.yaml");
        assertThat(project.stackConfig("prod")).isEmpty();
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), "config:\n  cidr: 10.0.0.0/16\n  aws:region: us-east-1\n  zones: [a, b]\n");
        assertThat(project.stackConfig("prod")).containsExactly(Map.entry("etl:cidr", "10.0.0.0/16"), Map.entry("aws:region", "us-east-1"),
                Map.entry("etl:zones", "[\"a\",\"b\"]"));
        Files.writeString(dir.resolve("Pulumi.prod.yaml"), "config:\n  password:\n    secure: AAABAA==\n");
        assertThatThrownBy(() -> project.stackConfig("prod")).hasMessageContaining("Pulumi.prod.yaml").hasMessageContaining("etl:password is encrypted");
    }

    @Test
    void customTimeoutsAreGoDurations() {
        assertThat(PulumiProgram.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(PulumiProgram.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PulumiProgram.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(PulumiProgram.duration("")).isNull();
        assertThatThrownBy(() -> PulumiProgram.duration("5 minutes")).isInstanceOf(IllegalArgumentException.class);
    }
}
