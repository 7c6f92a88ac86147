package io.driftloop.contracts.events;

import java.util.Map;

/**
 * One configuration the trainer fitted for a dataset, scored on the validation split only (the test
 * split is left to the evaluator). A warm start names the champion it continued from.
 *
 * @param candidateId     the candidate this trial would be (see {@code ModelTrained.candidateId})
 * @param kind            {@code baseline} (a logistic regression, trained first), {@code from-scratch} (a
 *                        configuration of the search) or {@code warm-start}
 * @param parentVersion   the champion a warm start continued from, null otherwise
 * @param parentSha256    that champion's artifact SHA-256, null otherwise
 * @param hyperparameters what was configured, and epochs run and kept
 * @param validation      validation figures: {@code loss} (cross-entropy), {@code accuracy}, {@code rows};
 *                        empty when the trial was skipped
 * @param chosen          whether this trial is the candidate handed to the evaluator
 * @param note            why it was skipped, or how it compared; may be null
 */
public record TrainingTrial(String candidateId, String kind, Integer parentVersion, String parentSha256,
                            Map<String, Object> hyperparameters, Map<String, Double> validation, boolean chosen,
                            String note) {

    public static final String BASELINE = "baseline";
    public static final String FROM_SCRATCH = "from-scratch";
    public static final String WARM_START = "warm-start";
}
