package io.driftloop.trainer.domain;

/**
 * What a learner fits: the training rows, and the validation rows that early stopping watches
 * (may be empty: then the training loss is watched instead). Both have the same width.
 */
public record TrainingData(Examples train, Examples validation) {

    public TrainingData {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training rows");
        }
        if (train.width() != validation.width()) {
            throw new IllegalArgumentException("train width " + train.width() + " differs from validation width "
                    + validation.width());
        }
    }

    public int width() {
        return train.width();
    }
}
