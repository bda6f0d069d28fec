package io.lifeboat.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lifeboat.plan.Drift;
import io.lifeboat.resource.Urn;

class DriftCheckTest {
    static StepError error(String name, String code, String message) {
        return new StepError(new Urn("dev", "p", "aws:ec2/vpc:Vpc", name), "reading", code, message);
    }

    @Test
    void unreadResourcesMakeDriftUnknownAndAreGroupedByCause() {
        List<StepError> unread = new ArrayList<>();
        for (int i = 0; i < 5; i++) unread.add(error("r" + i, DriftCheck.UNREACHABLE, "region us-east-1 is unavailable (" + i + ")"));
        unread.add(error("odd", null, "boom"));
        DriftCheck check = new DriftCheck(List.of(), unread);
        assertThat(check.known()).isFalse();
        assertThat(check.summary()).isEqualTo("unknown (region unreachable)");
        assertThat(check.causes()).containsExactly(
                "5 resources could not be read: region us-east-1 is unavailable (0) (EndpointConnectionError), e.g. r0",
                "odd could not be read: boom");
        assertThat(new DriftCheck(List.of(), List.of(error("x", "AccessDenied", "no")))).extracting(DriftCheck::summary)
                .isEqualTo("unknown (1 resource not read)");
    }

    @Test
    void driftIsNoneOnlyWhenEverythingWasRead() {
        assertThat(new DriftCheck(List.of(), List.of()).summary()).isEqualTo("none");
        Drift one = new Drift(new Urn("dev", "p", "aws:ec2/vpc:Vpc", "vpc"), List.of(), true);
        assertThat(new DriftCheck(List.of(one), List.of()).summary()).isEqualTo("1 resource");
        assertThat(new DriftCheck(List.of(one, one), List.of()).summary()).isEqualTo("2 resources");
    }
}
