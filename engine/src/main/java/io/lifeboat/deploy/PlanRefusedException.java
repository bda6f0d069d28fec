package io.lifeboat.deploy;

import java.util.List;

/** The plan cannot be applied (a protected resource would go, …); nothing was changed. */
public final class PlanRefusedException extends RuntimeException {
    private final List<String> reasons;

    public PlanRefusedException(List<String> reasons) {
        super(String.join("\n", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
