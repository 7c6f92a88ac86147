package io.driftloop.driftdetector.domain;

import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import java.util.Optional;

/**
 * What the {@link RetrainPolicy} decided for one model and trigger, and why: either a request to
 * publish (its {@code reason} is the explanation) or none, with the explanation of why not.
 * {@code folded} marks a drift alarm that was folded into a request already in flight.
 */
public record Decision(String model, RetrainTrigger trigger, Optional<RetrainRequested> request, String explanation,
                       boolean folded) {

    static Decision request(RetrainRequested request) {
        return new Decision(request.model(), request.trigger(), Optional.of(request), request.reason(), false);
    }

    static Decision none(String model, RetrainTrigger trigger, String why) {
        return new Decision(model, trigger, Optional.empty(), why, false);
    }

    static Decision folded(String model, String why) {
        return new Decision(model, RetrainTrigger.DRIFT, Optional.empty(), why, true);
    }

    public boolean requested() {
        return request.isPresent();
    }
}
