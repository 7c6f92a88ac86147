package io.driftloop.local.invariants;

import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelLifecycleChanged;
import io.driftloop.contracts.events.ModelTrained;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Invariants} checks, as read back from the topics: the (model, request id) keys of the
 * inferences, feedback and examples (one entry per record, so duplicates show), the keys of
 * inferences and feedback that went to a dead-letter topic, the retrain requests' ids, the datasets,
 * the trained candidates, the registry's lifecycle log in order, and each consumer group's total lag.
 */
public record TopicsSnapshot(List<String> inferences, List<String> feedbacks, List<String> examples,
                             Set<String> deadLettered, List<String> requests, List<DatasetReady> datasets,
                             List<ModelTrained> trained, List<ModelLifecycleChanged> lifecycle,
                             Map<String, Long> groupLag) {

    /** The key of a record about {@code requestId} of {@code model}. */
    public static String key(String model, String requestId) {
        return model + "/" + requestId;
    }
}
