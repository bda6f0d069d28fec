package io.lifeboat.providers.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lifeboat.state.ObjectStoreBackendContract;
import io.lifeboat.state.StateBackend;
import io.lifeboat.state.StateBackends;

/** The gs:// state backend, opened as the engine opens it, on a bucket served from 127.0.0.1 ({@link FakeGcs}). */
class GcsBackendTest extends ObjectStoreBackendContract {
    private FakeGcs gcs;

    @BeforeEach
    void start() throws Exception {
        gcs = new FakeGcs("lifeboat-state");
        backend = open();
    }

    @Override
    protected StateBackend open() {
        return StateBackends.open("gs://lifeboat-state/team/prod", Path.of("."), gcs.endpoint());
    }

    @Override
    protected Map<String, byte[]> objects() {
        return gcs.objects();
    }

    @Override
    protected void putObject(String key, byte[] bytes) {
        gcs.put(key, bytes);
    }

    @Override
    protected List<String> requests() {
        return gcs.requests();
    }

    @Override
    protected boolean isForTheBucket(String request) {
        return request.contains("/b/lifeboat-state/");
    }

    @Override
    protected boolean isConditionalLockDelete(String request) {
        return request.startsWith("DELETE /storage/v1/b/lifeboat-state/o/team%2Fprod%2Fprod-use1.lock") && request.contains("ifGenerationMatch=");
    }

    @Override
    protected void stopServer() {
        gcs.close();
    }

    @Test
    void aCheckpointWrittenMeanwhileBySomeoneElseIsNotOverwrittenAndTheLossIsTold() throws Exception {
        backend.writeCheckpoint("prod-use1", bytes("{\"serial\":1}"), 1);
        gcs.interleave("team/prod/prod-use1.json", bytes("{\"serial\":2,\"by\":\"someone else\"}"));

        assertThatThrownBy(() -> backend.writeCheckpoint("prod-use1", bytes("{\"serial\":2}"), 2))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("written by someone else meanwhile");
        assertThat(new String(backend.readCheckpoint("prod-use1").orElseThrow(), StandardCharsets.UTF_8)).contains("someone else");
        assertThat(gcs.requests()).anyMatch(r -> r.startsWith("POST /upload/") && r.contains("ifGenerationMatch="));
    }
}
