package io.lifeboat.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A node pool's machine type and the database's size are checked against the stack's cloud:
 * GCP's machine types and Cloud SQL tiers exactly, AWS's in their loose form, and a value of the
 * other cloud is refused with the nearest equivalent by vCPUs and memory as the fix.
 */
class MachineTypesTest {
    @TempDir
    Path tmp;

    // --- through the loader: the finding, its position and its fix ------------------------

    @Test
    void anRdsClassOnAGcpStackIsRefusedAtTheSizeLineWithTheNearestCloudSqlTier() throws Exception {
        LoadResult result = load("gcp", "m5.xlarge", "n2-standard-4", "db.r6g.large", "db.r6g.large");

        Diagnostic d = only(result, "size:");
        assertThat(d.isError()).isTrue();
        assertThat(d.message()).contains("'db.r6g.large'").contains("is an RDS instance class").contains("Cloud SQL tier");
        // 2 vCPUs and 16 GiB: db-custom-2-16384 is over Cloud SQL's 6.5 GiB per vCPU; the perf-optimized tier matches exactly
        assertThat(d.hint()).isEqualTo("use db-perf-optimized-N-2 (2 vCPUs, 16 GiB), the nearest Cloud SQL tier");
        assertThat(result.ok()).isFalse();
    }

    @Test
    void anEc2TypeOnAGcpStackIsRefusedAtTheInstanceTypeLineWithTheNearestMachineType() throws Exception {
        LoadResult result = load("gcp", "m5.xlarge", "m5.xlarge", "db.r6g.large", "db-custom-2-8192");

        Diagnostic d = only(result, "instanceType:");
        assertThat(d.message()).contains("'m5.xlarge'").contains("EC2 instance type").contains("Compute Engine machine type");
        assertThat(d.hint()).startsWith("use n2-standard-4 (4 vCPUs, 16 GiB)");
    }

    @Test
    void gcpValuesOnAnAwsStackAreRefusedWithTheNearestAwsShape() throws Exception {
        LoadResult result = load("aws", "m5.xlarge", "n2-standard-4", "db.r6g.large", "db-custom-4-16384");

        Diagnostic machine = only(result, "instanceType:");
        assertThat(machine.message()).contains("'n2-standard-4'").contains("Compute Engine machine type (gcp)");
        assertThat(machine.hint()).startsWith("use m6i.xlarge (4 vCPUs, 16 GiB)");
        Diagnostic size = only(result, "size:");
        assertThat(size.message()).contains("'db-custom-4-16384'").contains("Cloud SQL tier (gcp)");
        assertThat(size.hint()).startsWith("use db.m6g.xlarge (4 vCPUs, 16 GiB)");
    }

    @Test
    void validGcpValuesOnAGcpStackAreAccepted() throws Exception {
        LoadResult result = load("gcp", "m5.xlarge", "n2d-highmem-16", "db.r6g.large", "db-custom-4-16384");

        // the AWS example's peering stays AWS's (refused on gcp on its own lines); the machine and the tier pass
        assertThat(result.diagnostics().sorted()).noneMatch(d -> d.code() == DiagnosticCode.INVALID_FOR_CLOUD
                && (d.message().contains("n2d-highmem-16") || d.message().contains("db-custom-4-16384")));
    }

    @Test
    void aMalformedTierSaysTheRuleAndTheNearestValidTier() throws Exception {
        LoadResult result = load("gcp", "m5.xlarge", "n2-standard-3", "db.r6g.large", "db-custom-2-100000");

        Diagnostic machine = only(result, "instanceType:");
        assertThat(machine.message()).contains("'n2-standard-3'").contains("n2-standard comes with 2, 4, 8");
        assertThat(machine.hint()).startsWith("use n2-standard-4 (4 vCPUs, 16 GiB)");
        Diagnostic size = only(result, "size:");
        assertThat(size.message()).contains("'db-custom-2-100000'").contains("multiple of 256 MiB").contains("at most 6.5 GiB per vCPU");
        assertThat(size.hint()).startsWith("use db-custom-2-13312 (2 vCPUs, 13 GiB)").contains("or db-custom-16-100096 to keep the memory");
    }

    // --- the table -----------------------------------------------------------------------

    @ParameterizedTest(name = "{1} is a valid {0}")
    @CsvSource({
            // Compute Engine: predefined shapes
            "GCE, e2-standard-2", "GCE, e2-standard-32", "GCE, e2-highmem-16", "GCE, e2-highcpu-32",
            "GCE, e2-micro", "GCE, e2-small", "GCE, e2-medium", "GCE, f1-micro", "GCE, g1-small",
            "GCE, n1-standard-1", "GCE, n1-standard-96", "GCE, n1-highmem-2", "GCE, n1-highcpu-64",
            "GCE, n2-standard-4", "GCE, n2-standard-128", "GCE, n2-highmem-80", "GCE, n2-highcpu-96",
            "GCE, n2d-standard-224", "GCE, n2d-highcpu-224", "GCE, n2d-highmem-96",
            "GCE, c2-standard-4", "GCE, c2-standard-30", "GCE, c2-standard-60",
            "GCE, c2d-standard-56", "GCE, c2d-highcpu-112", "GCE, c2d-highmem-2",
            "GCE, c3-standard-22", "GCE, c3-highcpu-176", "GCE, c3-highmem-88",
            "GCE, c3d-standard-360", "GCE, c3d-highmem-30", "GCE, n4-standard-80", "GCE, n4-highcpu-2",
            "GCE, t2d-standard-1", "GCE, t2d-standard-60", "GCE, t2a-standard-48",
            // Compute Engine: custom shapes
            "GCE, custom-1-1024", "GCE, custom-2-13312", "GCE, n1-custom-4-4096", "GCE, custom-2-20480-ext",
            "GCE, n2-custom-2-1024", "GCE, n2-custom-36-36864", "GCE, n2-custom-2-16384", "GCE, n2-custom-4-65536-ext",
            "GCE, n2d-custom-48-49152", "GCE, e2-custom-6-12288", "GCE, e2-custom-32-131072", "GCE, e2-custom-small-3072",
            // Cloud SQL
            "CLOUD_SQL, db-f1-micro", "CLOUD_SQL, db-g1-small", "CLOUD_SQL, db-custom-1-3840", "CLOUD_SQL, db-custom-1-6656",
            "CLOUD_SQL, db-custom-2-7680", "CLOUD_SQL, db-custom-4-16384", "CLOUD_SQL, db-custom-96-638976",
            "CLOUD_SQL, db-perf-optimized-N-2", "CLOUD_SQL, db-perf-optimized-N-128",
            // AWS: the loose forms accepted before
            "EC2, m5.xlarge", "EC2, t3.micro", "EC2, x2iedn.32xlarge", "EC2, u-6tb1.metal",
            "RDS, db.r6g.large", "RDS, db.t4g.micro", "RDS, db.x2g.16xlarge", "RDS, db.serverless.v2",
    })
    void accepted(MachineTypes.Kind kind, String value) {
        assertThat(MachineTypes.check(value, kind)).isNull();
    }

    @ParameterizedTest(name = "{1} is not a valid {0}: {2}")
    @CsvSource(delimiter = '|', value = {
            // malformed GCP values: the rule broken, the nearest valid value
            "GCE       | n2-standard-3        | n2-standard comes with             | use n2-standard-4 (",
            "GCE       | n2-standard-256      | n2-standard comes with             | use n2-standard-128 (",
            "GCE       | e2-highmem-32        | e2-highmem comes with 2, 4, 8 or 16 | use e2-highmem-16 (",
            "GCE       | c2-standard-2        | c2-standard comes with 4, 8        | use c2-standard-4 (",
            "GCE       | c2-highmem-8         | c2 has no highmem shapes           | use c2-standard-8 (",
            "GCE       | t2d-highcpu-4        | t2d has no highcpu shapes          | use t2d-standard-",
            "GCE       | custom-3-4096        | 1 or an even number up to 96       | use custom-4-4096 (",
            "GCE       | custom-2-20480       | at most 6.5 GiB per vCPU           | use custom-2-13312 (",
            "GCE       | custom-1-512         | at least 0.9 GiB per vCPU          | use custom-1-1024 (",
            "GCE       | n2-custom-34-34816   | a multiple of 4 from 36 to 128     | use n2-custom-36-34816 (",
            "GCE       | n2-custom-2-1000     | multiple of 256 MiB                | use n2-custom-2-1024 (",
            "GCE       | n2d-custom-6-6144    | 2, 4, 8, 16, 32, 48, 64, 80 or 96  | use n2d-custom-8-6144 (",
            "GCE       | e2-custom-3-4096     | an even number from 2 to 32        | use e2-custom-4-4096 (",
            "GCE       | e2-custom-4-40960-ext | no extended memory                | use e2-custom-4-32768 (",
            "GCE       | n2-standrd-4         | is not a Compute Engine machine type | did you mean 'n2-standard-4'?",
            "GCE       | n2-costum-4-8192     | custom shapes are named n2-custom  | did you mean 'n2-custom-4-8192'?",
            "GCE       | a2-highgpu-1g        | families Lifeboat knows            | use a machine type such as n2-standard-4",
            "CLOUD_SQL | db-custom-3-4096     | 1 or an even number from 2 to 96   | use db-custom-4-4096 (",
            "CLOUD_SQL | db-custom-2-100000   | at most 6.5 GiB per vCPU           | use db-custom-2-13312 (2 vCPUs, 13 GiB)",
            "CLOUD_SQL | db-custom-4-2048     | at least 3840 MiB                  | use db-custom-4-3840 (",
            "CLOUD_SQL | db-custom-98-98304   | 1 or an even number from 2 to 96   | use db-custom-96-98304 (",
            "CLOUD_SQL | db-custom-2-4000     | multiple of 256 MiB                | use db-custom-2-4096 (",
            "CLOUD_SQL | db-perf-optimized-N-6 | comes with 2, 4, 8                | use db-perf-optimized-N-8 (",
            "CLOUD_SQL | db-costom-4-16384    | custom shapes are named db-custom  | did you mean 'db-custom-4-16384'?",
            "CLOUD_SQL | db-f1-mikro          | is not a Cloud SQL tier            | did you mean 'db-f1-micro'?",
            // the other cloud's values, and the other kind's, answered with the nearest of the stack's cloud
            "GCE       | m5.xlarge            | is an EC2 instance type (aws)      | use n2-standard-4 (4 vCPUs, 16 GiB)",
            "GCE       | r5.large             | is an EC2 instance type (aws)      | use n2-highmem-2 (2 vCPUs, 16 GiB)",
            "GCE       | c6i.2xlarge          | is an EC2 instance type (aws)      | use n4-highcpu-8 (8 vCPUs, 16 GiB)",
            "GCE       | t3.micro             | is an EC2 instance type (aws)      | use e2-micro (2 shared vCPUs, 1 GiB)",
            "GCE       | db-custom-4-16384    | is a Cloud SQL tier;               | use n2-standard-4 (4 vCPUs, 16 GiB)",
            "GCE       | x2iedn.xlarge        | has the form of an EC2 instance type | use a machine type such as n2-standard-4",
            "CLOUD_SQL | db.r6g.large         | is an RDS instance class (aws)     | use db-perf-optimized-N-2 (2 vCPUs, 16 GiB)",
            "CLOUD_SQL | db.m5.xlarge         | is an RDS instance class (aws)     | use db-custom-4-16384 (4 vCPUs, 16 GiB)",
            "CLOUD_SQL | db.t3.medium         | is an RDS instance class (aws)     | use db-custom-2-4096 (2 vCPUs, 4 GiB)",
            "CLOUD_SQL | n2-standard-8        | is a Compute Engine machine type;  | use db-custom-8-32768 (8 vCPUs, 32 GiB)",
            "EC2       | n2-standard-4        | is a Compute Engine machine type (gcp) | use m6i.xlarge (4 vCPUs, 16 GiB)",
            "EC2       | e2-medium            | is a Compute Engine machine type (gcp) | use t3.medium (2 shared vCPUs, 4 GiB)",
            "EC2       | n2-custom-6-24576    | is a Compute Engine machine type (gcp) | use m6i.2xlarge (8 vCPUs, 32 GiB)",
            "EC2       | db.m5.large          | is an RDS instance class;          | use m5.large (2 vCPUs, 8 GiB)",
            "EC2       | m6i_xlarge           | is not an EC2 instance type        | did you mean 'm6i.xlarge'?",
            "RDS       | db-custom-4-16384    | is a Cloud SQL tier (gcp)          | use db.m6g.xlarge (4 vCPUs, 16 GiB)",
            "RDS       | db-perf-optimized-N-4 | is a Cloud SQL tier (gcp)         | use db.r6g.xlarge (4 vCPUs, 32 GiB)",
            "RDS       | m5.xlarge            | is an EC2 instance type;           | use db.m5.xlarge (4 vCPUs, 16 GiB)",
            "RDS       | n2-standard-3        | is not an RDS instance class       | use an RDS instance class such as db.r6g.large",
    })
    void refused(MachineTypes.Kind kind, String value, String rule, String fix) {
        MachineTypes.Refusal r = MachineTypes.check(value, kind);
        assertThat(r).as(value).isNotNull();
        assertThat(r.message()).contains("'" + value + "'").contains(rule);
        assertThat(r.fix()).startsWith(fix);
    }

    @Test
    void everyFixOfAMalformedGcpValueIsItselfValid() {
        for (String v : List.of("n2-standard-3", "custom-3-4096", "custom-2-20480", "n2-custom-2-100000", "n2d-custom-6-6144",
                "e2-custom-3-4096", "e2-custom-64-4096", "c3-highcpu-3")) {
            assertThat(MachineTypes.check(named(MachineTypes.check(v, MachineTypes.Kind.GCE).fix()), MachineTypes.Kind.GCE)).as(v).isNull();
        }
        for (String v : List.of("db-custom-3-4096", "db-custom-2-100000", "db-custom-0-0", "db-custom-200-1000000",
                "db-perf-optimized-N-200", "db.r6g.large", "db.t3.micro", "n1-highmem-96")) {
            assertThat(MachineTypes.check(named(MachineTypes.check(v, MachineTypes.Kind.CLOUD_SQL).fix()), MachineTypes.Kind.CLOUD_SQL))
                    .as(v).isNull();
        }
    }

    @Test
    void sizesAreTheDocumentedOnes() {
        assertThat(MachineTypes.identify("n1-standard-4").describe()).isEqualTo("4 vCPUs, 15 GiB");
        assertThat(MachineTypes.identify("n2-highmem-128").describe()).isEqualTo("128 vCPUs, 864 GiB");
        assertThat(MachineTypes.identify("db-f1-micro").describe()).isEqualTo("1 shared vCPU, 0.6 GiB");
        assertThat(MachineTypes.identify("db-custom-1-3840").describe()).isEqualTo("1 vCPU, 3.75 GiB");
        assertThat(MachineTypes.identify("db.r6g.large").describe()).isEqualTo("2 vCPUs, 16 GiB");
        assertThat(MachineTypes.identify("c5.9xlarge").describe()).isEqualTo("36 vCPUs, 72 GiB");
    }

    /** The value a fix names: "use X (…)…" or "did you mean 'X'?". */
    private static String named(String fix) {
        if (fix.startsWith("did you mean '")) return fix.substring("did you mean '".length(), fix.indexOf("'?"));
        return fix.substring("use ".length(), fix.indexOf(' ', "use ".length()));
    }

    // --- the repository the loader reads ---------------------------------------------------

    /** The examples with both stacks on {@code cloud} and the platform's node pool type and database size replaced. */
    private LoadResult load(String cloud, String oldType, String type, String oldSize, String size) throws Exception {
        for (String dir : List.of("specs", "stacks")) {
            Files.createDirectories(tmp.resolve(dir));
            try (var files = Files.list(SpecCorpus.EXAMPLES.resolve(dir))) {
                for (Path f : files.toList()) Files.copy(f, tmp.resolve(dir).resolve(f.getFileName()));
            }
        }
        Path platform = tmp.resolve("specs/platform.yaml");
        Files.writeString(platform, Files.readString(platform)
                .replace("instanceType: " + oldType, "instanceType: " + type)
                .replace("size: " + oldSize, "size: " + size));
        if (cloud.equals("gcp")) {
            for (String[] s : new String[][] {{"primary", "us-east-1", "us-east1"}, {"secondary", "us-west-2", "us-west1"}}) {
                Path stack = tmp.resolve("stacks/" + s[0] + ".yaml");
                Files.writeString(stack, Files.readString(stack).replace("cloud: aws", "cloud: gcp\n  project: acme-data-prod")
                        .replace("region: " + s[1], "region: " + s[2]));
            }
        }
        return new SpecLoader(new WorkingTreeSource(tmp)).load(List.of());
    }

    /** The one INVALID_FOR_CLOUD finding, on the platform line starting with {@code key}. */
    private Diagnostic only(LoadResult result, String key) throws Exception {
        List<String> lines = Files.readAllLines(tmp.resolve("specs/platform.yaml"));
        int line = 0;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).trim().startsWith(key)) line = i + 1;
        int at = line;
        List<Diagnostic> found = result.diagnostics().sorted().stream()
                .filter(d -> d.code() == DiagnosticCode.INVALID_FOR_CLOUD && d.position().line() == at).toList();
        assertThat(found).as("%s at line %d in %s", key, at, result.diagnostics().sorted()).hasSize(1);
        assertThat(found.get(0).position().file().toString()).endsWith("platform.yaml");
        return found.get(0);
    }
}
