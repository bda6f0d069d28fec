package io.lifeboat.providers.aws;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;

import io.lifeboat.state.ObjectStoreBackendContract;
import io.lifeboat.state.StateBackend;
import io.lifeboat.state.StateBackends;

/** The s3:// state backend, opened as the engine opens it, on a bucket served from 127.0.0.1. */
class AwsS3BackendTest extends ObjectStoreBackendContract {
    private FakeS3 s3;

    @BeforeEach
    void start() throws Exception {
        s3 = new FakeS3("lifeboat-state");
        backend = open();
    }

    @Override
    protected StateBackend open() {
        return StateBackends.open("s3://lifeboat-state/team/prod?region=us-west-2", Path.of("."), s3.endpoint());
    }

    @Override
    protected Map<String, byte[]> objects() {
        return s3.objects();
    }

    @Override
    protected void putObject(String key, byte[] bytes) {
        s3.put(key, bytes);
    }

    @Override
    protected List<String> requests() {
        return s3.requests();
    }

    @Override
    protected boolean isForTheBucket(String request) {
        return request.contains("/lifeboat-state");
    }

    @Override
    protected boolean isConditionalLockDelete(String request) {
        return request.startsWith("DELETE /lifeboat-state/team/prod/prod-use1.lock");
    }

    @Override
    protected void stopServer() {
        s3.close();
    }
}
