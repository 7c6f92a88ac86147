package io.driftloop.trainer.domain;

/**
 * Bookkeeping of early stopping: the epoch with the lowest monitored loss so far, and whether
 * {@code patience} epochs have passed without a lower one or {@code maxEpochs} are done. A loss
 * that is not a finite number never counts as an improvement. Epochs are numbered from 1. Not
 * thread-safe: one instance per training run.
 */
public final class EarlyStopping {

    private final int patience;
    private final int maxEpochs;
    private int epochs;
    private int bestEpoch;
    private double bestLoss = Double.POSITIVE_INFINITY;

    public EarlyStopping(int patience, int maxEpochs) {
        this(patience, maxEpochs, Double.POSITIVE_INFINITY);
    }

    /**
     * Early stopping of a run that starts from a trained state whose loss is {@code startLoss}: an
     * epoch counts as an improvement only below it, and when none is, the start (epoch 0) stays best.
     */
    public EarlyStopping(int patience, int maxEpochs, double startLoss) {
        if (patience < 1 || maxEpochs < 1) {
            throw new IllegalArgumentException("patience and maxEpochs must be positive, were " + patience + ", " + maxEpochs);
        }
        this.patience = patience;
        this.maxEpochs = maxEpochs;
        this.bestLoss = Double.isFinite(startLoss) ? startLoss : Double.POSITIVE_INFINITY;
    }

    /**
     * The bookkeeping of a run resumed from a checkpoint taken after {@code epochs} epochs, the best
     * being {@code bestEpoch} with {@code bestLoss}.
     */
    public static EarlyStopping resumed(int patience, int maxEpochs, int epochs, int bestEpoch, double bestLoss) {
        EarlyStopping s = new EarlyStopping(patience, maxEpochs, bestLoss);
        if (epochs < 0 || bestEpoch < 0 || bestEpoch > epochs || epochs > maxEpochs) {
            throw new IllegalArgumentException("cannot resume at epoch " + epochs + " with best epoch " + bestEpoch
                    + " of at most " + maxEpochs);
        }
        s.epochs = epochs;
        s.bestEpoch = bestEpoch;
        return s;
    }

    /** Records the loss of the next epoch; true when it is the best so far (keep these parameters). */
    public boolean record(double loss) {
        if (shouldStop()) {
            throw new IllegalStateException("training already stopped after epoch " + epochs);
        }
        epochs++;
        if (Double.isFinite(loss) && loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = epochs;
            return true;
        }
        return false;
    }

    public boolean shouldStop() {
        return epochs >= maxEpochs || (epochs > 0 && epochs - bestEpoch >= patience);
    }

    /** Epochs recorded so far. */
    public int epochs() {
        return epochs;
    }

    /** The epoch with the lowest loss, 0 while none had a finite loss. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The lowest loss, positive infinity while none had a finite loss. */
    public double bestLoss() {
        return bestLoss;
    }
}
