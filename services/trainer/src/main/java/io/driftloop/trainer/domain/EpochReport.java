package io.driftloop.trainer.domain;

import io.driftloop.contracts.events.LayerDiagnostics;
import java.util.List;

/**
 * One finished epoch.
 *
 * @param epoch              the epoch, from 1
 * @param maxEpochs          the run's upper bound
 * @param trainLoss          mean loss over the training rows during the epoch
 * @param validationLoss     mean loss over the validation rows after the epoch, null without validation rows
 * @param best               whether this epoch has the lowest monitored loss so far
 * @param validationAccuracy share of validation rows whose P(label = 1) ≥ 0.5 matches their label
 *                           (unweighted), null without validation rows
 * @param layers             per-layer norms and dead units, input side first; empty when not measured
 */
public record EpochReport(int epoch, int maxEpochs, double trainLoss, Double validationLoss, boolean best,
                          Double validationAccuracy, List<LayerDiagnostics> layers) {

    public EpochReport {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** A report without diagnostics. */
    public EpochReport(int epoch, int maxEpochs, double trainLoss, Double validationLoss, boolean best,
                       Double validationAccuracy) {
        this(epoch, maxEpochs, trainLoss, validationLoss, best, validationAccuracy, List.of());
    }

    /** A report without validation accuracy and diagnostics. */
    public EpochReport(int epoch, int maxEpochs, double trainLoss, Double validationLoss, boolean best) {
        this(epoch, maxEpochs, trainLoss, validationLoss, best, null, List.of());
    }
}
