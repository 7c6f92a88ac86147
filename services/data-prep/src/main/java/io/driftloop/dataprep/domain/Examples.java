package io.driftloop.dataprep.domain;

import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.LabelledExample;

/** What an inference and its feedback make together. */
public final class Examples {

    private Examples() {
    }

    /**
     * The labelled example of an inference and its feedback: the inference's time, features,
     * attributes, served version, prediction and score, with the feedback's label.
     */
    public static LabelledExample of(InferenceEvent e, FeedbackEvent f) {
        return new LabelledExample(e.model(), e.requestId(), e.timestamp(), e.features(), e.attributes(), f.label(),
                e.modelVersion(), e.prediction(), e.score());
    }
}
