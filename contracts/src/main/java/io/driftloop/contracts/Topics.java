package io.driftloop.contracts;

import java.util.List;

/**
 * Names of every Kafka topic in the external contract. Partitions, retention and compaction are
 * declared in {@code infra/topics/topics.json}; this class only names them.
 */
public final class Topics {

    /** Production predictions, plain JSON, key = model name. */
    public static final String INFERENCE = "ct.inference.v1";
    /** Ground truth for earlier requests, plain JSON, key = model name. */
    public static final String FEEDBACK = "ct.feedback.v1";
    /** Inference joined with its feedback by request id: the labelled examples datasets are cut from. */
    public static final String EXAMPLES = "ct.examples.v1";
    /** Model specs, compacted, key = model name. */
    public static final String MODEL_SPECS = "ct.model.specs.v1";
    public static final String DRIFT_STATS = "ct.drift.stats.v1";
    public static final String RETRAIN_REQUESTED = "ct.retrain.requested.v1";
    /** Series of retrain attempts the trigger gave up on. */
    public static final String RETRAIN_ABANDONED = "ct.retrain.abandoned.v1";
    public static final String DATASET_READY = "ct.dataset.ready.v1";
    public static final String TRAINING_PROGRESS = "ct.training.progress.v1";
    /** The trainer group's search trials: checkpoints, key = the trial's candidate id. */
    public static final String TRAINING_TRIALS = "ct.training.trials.v1";
    public static final String MODEL_TRAINED = "ct.model.trained.v1";
    public static final String MODEL_EVALUATED = "ct.model.evaluated.v1";
    /** Current champion of every model, compacted, key = model name. */
    public static final String MODEL_PROMOTED = "ct.model.promoted.v1";
    /** The registry's own event log: every change of a model version's stage. */
    public static final String MODEL_LIFECYCLE = "ct.model.lifecycle.v1";

    /** Suffix of the dead-letter topic of each consumed topic. */
    public static final String DLQ_SUFFIX = ".dlq";

    /** Topics some service consumes; each has a dead-letter topic. */
    public static final List<String> CONSUMED = List.of(
            INFERENCE, FEEDBACK, EXAMPLES, MODEL_SPECS, RETRAIN_REQUESTED, DATASET_READY, TRAINING_TRIALS,
            MODEL_TRAINED, MODEL_EVALUATED, MODEL_PROMOTED);

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + DLQ_SUFFIX;
    }
}
