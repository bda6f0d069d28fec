package io.lifeboat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example stack pair on the aws provider against an independent implementation of the AWS
 * APIs on 127.0.0.1 (moto's server, when it is installed; skipped otherwise), reached through
 * {@code endpoint:} in the stack files: up, a no-change preview (and one that refreshes every
 * resource from the emulator), failover from us-east-1 to
 * us-west-2 with the primary's endpoint unreachable, destroy.
 */
class AwsEmulatorEndToEndTest {
    private static Process moto;
    private static int port;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startEmulator() throws Exception {
        Path server = onPath("moto_server");
        Assumptions.assumeTrue(server != null, "moto_server is not installed");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        moto = new ProcessBuilder(server.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HttpClient http = HttpClient.newHttpClient();
        long until = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/")).build(), HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException e) {
                if (System.currentTimeMillis() > until) throw new IllegalStateException("moto_server did not start on " + port, e);
                Thread.sleep(200);
            }
        }
        // the SDK's credential chain finds these first; waits poll fast
        System.setProperty("aws.accessKeyId", "test");
        System.setProperty("aws.secretAccessKey", "test");
        System.setProperty("lifeboat.aws.pollMillis", "20");
    }

    @AfterAll
    static void stopEmulator() {
        if (moto != null) moto.destroy();
    }

    private static String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** The corporate VPC the example spec peers with, made in its own account (moto picks the account by header). */
    private static String peerVpc() throws Exception {
        HttpRequest create = HttpRequest.newBuilder(URI.create(endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("x-moto-account-id", "111122223333")
                // the credential scope names the service and region the call is for
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("Action=CreateVpc&Version=2016-11-15&CidrBlock=172.20.0.0%2F16")).build();
        String body = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("<vpcId>(vpc-[0-9a-f]+)</vpcId>").matcher(body);
        if (!m.find()) throw new IllegalStateException("no VPC made: " + body);
        return m.group(1);
    }

    @Test
    void theExamplePairRunsUpPreviewFailoverAndDestroyOnTheEmulator() throws Exception {
        Repo repo = new Repo(tmp);
        repo.edit("stacks/primary.yaml", "endpoint: sim", "endpoint: " + endpoint());
        repo.edit("stacks/secondary.yaml", "endpoint: sim", "endpoint: " + endpoint());
        repo.edit("specs/platform.yaml", "vpc-0a1b2c3d", peerVpc());

        repo.ok("up", "--stack", "prod-use1", "--yes");
        repo.ok("up", "--stack", "prod-usw2", "--yes");
        Repo.Result preview = repo.run("preview", "--all", "--detailed-exitcode");
        assertThat(preview.code()).as(preview.all()).isZero();
        assertThat(preview.out()).contains("No changes. 69 resources unchanged.").contains("No changes. 61 resources unchanged.");
        // every type read back from the emulator as it was made: no drift, and nothing mistaken for hand-made
        Repo.Result refreshed = repo.run("preview", "--all", "--refresh", "--detailed-exitcode");
        assertThat(refreshed.code()).as(refreshed.all()).isZero();
        assertThat(repo.ok("capture", "--stack", "prod-use1").out()).doesNotContain("captured-");

        // the primary's region is lost: its endpoint no longer answers
        repo.edit("stacks/primary.yaml", "endpoint: " + endpoint(), "endpoint: http://127.0.0.1:1");
        Repo.Result failover = repo.ok("failover", "--from", "prod-use1", "--to", "prod-usw2", "--yes");
        assertThat(failover.out()).contains("failover complete").contains("replaced  aws:rds/instance:Instance metadata")
                .contains("database prod-usw2-metadata.").contains("the recovery point is within the spec's backup interval");
        Repo.Result after = repo.run("preview", "--stack", "prod-usw2", "--detailed-exitcode");
        assertThat(after.code()).as(after.all()).isZero();

        Repo.Result destroy = repo.ok("destroy", "--stack", "prod-usw2", "--yes");
        assertThat(destroy.out()).contains("61 deleted");
    }

    /**
     * examples/pulumi-java, the com.pulumi:aws program, on the aws provider against the emulator:
     * up of both stacks, a preview that refreshes every resource from the emulator and finds no
     * change, destroy of both. (Not its failover: moto has no StopReplicationToReplica, which
     * taking the key's replica over needs; the sim's failover test covers it.)
     */
    @Test
    void theProgramExamplePairRunsUpRefreshAndDestroyOnTheEmulator() throws Exception {
        Repo repo = new Repo(tmp.resolve("example"), PulumiExampleEndToEndTest.EXAMPLE);
        repo.edit("stacks/primary.yaml", "endpoint: sim", "endpoint: " + endpoint());
        repo.edit("stacks/secondary.yaml", "endpoint: sim", "endpoint: " + endpoint());

        assertThat(repo.ok("up", "--stack", "pulumi-use1", "--yes").out()).contains("+ 12 created");
        assertThat(repo.ok("up", "--stack", "pulumi-usw2", "--yes").out()).contains("+ 6 created");
        Repo.Result preview = repo.run("preview", "--all", "--refresh", "--detailed-exitcode");
        assertThat(preview.code()).as(preview.all()).isZero();

        assertThat(repo.ok("destroy", "--stack", "pulumi-usw2", "--yes").out()).contains("6 deleted");
        assertThat(repo.ok("destroy", "--stack", "pulumi-use1", "--yes").out()).contains("12 deleted");
    }
}
