package io.driftloop.console.domain;

import io.driftloop.contracts.events.Adaptation;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainAbandoned;
import io.driftloop.contracts.events.RetrainRequested;
import java.util.List;

/**
 * What the loop's topics hold of one model's adaptations, in the order each topic gave them:
 * retrain requests, datasets, candidates, verdicts, promotions, abandoned series, and the
 * drift-detector's measured adaptations (first drifted window to first request served).
 */
public record History(List<RetrainRequested> requests, List<DatasetReady> datasets, List<ModelTrained> candidates,
                      List<ModelEvaluated> verdicts, List<ModelPromoted> promotions, List<RetrainAbandoned> abandoned,
                      List<Adaptation> adaptations) {

    public static final History EMPTY = new History(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of());

    public History {
        requests = List.copyOf(requests);
        datasets = List.copyOf(datasets);
        candidates = List.copyOf(candidates);
        verdicts = List.copyOf(verdicts);
        promotions = List.copyOf(promotions);
        abandoned = List.copyOf(abandoned);
        adaptations = List.copyOf(adaptations);
    }
}
