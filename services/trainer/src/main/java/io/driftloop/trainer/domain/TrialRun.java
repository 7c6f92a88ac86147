package io.driftloop.trainer.domain;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.model.TrialReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One trial of a search in training: a {@link Training} per fold (one with a validation split),
 * its score the mean over the folds of the lowest validation loss so far, its curve (the first
 * fold's epochs) and its scores at each rung. Not thread-safe.
 */
final class TrialRun {

    final SearchPlan.Trial trial;
    final String candidateId;
    private final List<Training> folds = new ArrayList<>();
    private final List<TrainingData> data;
    private final Function<TrainingData, Training> start;
    private int reached;
    private final List<TrialReport.Epoch> curve = new ArrayList<>();
    private final List<TrialReport.RungScore> rungs = new ArrayList<>();
    private final Clock clock;
    private Duration took = Duration.ZERO;
    private String status = "finished";

    /**
     * A trial on every fold's data, started with {@code start} when first needed: a trial whose state
     * is read back from a checkpoint (as a coordinating member reads them all) never builds its own.
     */
    TrialRun(SearchPlan.Trial trial, String candidateId, List<TrainingData> data,
             Function<TrainingData, Training> start, Clock clock) {
        this.trial = trial;
        this.candidateId = candidateId;
        this.clock = clock;
        this.data = List.copyOf(data);
        this.start = start;
    }

    /** Every fold's training, started on first use. */
    private List<Training> folds() {
        if (folds.isEmpty()) {
            Instant begin = clock.instant();
            for (TrainingData d : data) {
                folds.add(start.apply(d));
            }
            took = took.plus(Duration.between(begin, clock.instant()));
        }
        return folds;
    }

    /**
     * Trains every fold on to {@code epoch} epochs; the first fold's epochs go to {@code listener} and
     * the curve. Returns whether the trial may go on.
     */
    boolean advance(int epoch, EpochListener listener) {
        Instant begin = clock.instant();
        boolean going = false;
        for (int f = 0; f < folds().size(); f++) {
            EpochListener l = f == 0 ? report -> {
                curve.add(new TrialReport.Epoch(report.epoch(), report.trainLoss(), report.validationLoss(),
                        report.validationAccuracy(), report.layers().isEmpty() ? null : report.layers()));
                listener.onEpoch(report);
            } : EpochListener.NONE;
            going |= folds().get(f).advance(epoch, l);
        }
        took = took.plus(Duration.between(begin, clock.instant()));
        reached = Math.max(reached, epoch);
        return going && !diverged();
    }

    /** Whether every fold stopped (early stopping, divergence): advancing it further trains nothing. */
    boolean stopped() {
        return folds().stream().allMatch(t -> t.stopReason() != null);
    }

    /** The epoch this trial was last advanced to (it may have stopped before it). */
    int reached() {
        return reached;
    }

    /** What we know of the trial, besides its trainings, as a checkpoint keeps it. */
    record State(int reached, List<TrialReport.Epoch> curve, List<TrialReport.RungScore> rungs, double seconds,
                 String status) {
    }

    private static final String STATE_ENTRY = "trial.json";

    /** The trial's checkpoint: every fold's training and the trial's curve, rung scores and time. */
    byte[] checkpoint() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(STATE_ENTRY, Json.encodeBytes(new State(reached, curve, rungs, seconds(),
                status)));
        for (int f = 0; f < folds().size(); f++) {
            entries.put("fold-" + f, folds().get(f).checkpoint());
        }
        return Zips.zip(entries);
    }

    /** Goes on from {@code checkpoint} (of this trial, on the same data): {@code restore} resumes a fold's training. */
    void restore(byte[] checkpoint, BiFunction<TrainingData, byte[], Training> restore) {
        Map<String, byte[]> entries = Zips.unzip(checkpoint);
        byte[] state = entries.get(STATE_ENTRY);
        if (state == null || entries.size() != data.size() + 1) {
            throw new IllegalArgumentException("not a checkpoint of a trial on " + data.size() + " fold(s): entries "
                    + entries.keySet());
        }
        State s = Json.decode(new String(state, StandardCharsets.UTF_8),
                State.class);
        List<Training> restored = new ArrayList<>();
        for (int f = 0; f < data.size(); f++) {
            byte[] fold = entries.get("fold-" + f);
            if (fold == null) {
                throw new IllegalArgumentException("the checkpoint has no fold " + f);
            }
            restored.add(restore.apply(data.get(f), fold));
        }
        folds.clear();
        folds.addAll(restored);
        curve.clear();
        curve.addAll(s.curve());
        // the scores a search gave it at rung ends are the search's: kept unless the checkpoint knows more
        if (s.rungs().size() > rungs.size()) {
            rungs.clear();
            rungs.addAll(s.rungs());
        }
        took = Duration.ofNanos((long) (s.seconds() * 1e9));
        if (s.rungs().size() >= rungs.size()) {
            status = s.status();
        }
        reached = s.reached();
    }

    /** Records the trial's score at the end of rung {@code rung}, which trained to {@code epochs}. */
    void scoreRung(int rung, int epochs) {
        rungs.add(new TrialReport.RungScore(rung, epochs, finite(score()), accuracy()));
    }

    /** The mean over folds of the lowest monitored loss; +∞ once a fold diverged or before any epoch. */
    double score() {
        if (diverged()) {
            return Double.POSITIVE_INFINITY;
        }
        return folds().stream().mapToDouble(Training::bestLoss).average().orElse(Double.POSITIVE_INFINITY);
    }

    /** Mean validation accuracy at the folds' best epochs, null without validation rows. */
    Double accuracy() {
        double sum = 0;
        for (Training t : folds()) {
            if (t.bestValidationAccuracy() == null) {
                return null;
            }
            sum += t.bestValidationAccuracy();
        }
        return sum / folds().size();
    }

    boolean diverged() {
        return folds().stream().anyMatch(Training::diverged);
    }

    String divergence() {
        return folds().stream().filter(Training::diverged).map(Training::stopReason).findFirst().orElse(null);
    }

    /** The folds' best epochs, rounded mean (for the refit on every row). */
    int meanBestEpoch() {
        return (int) Math.round(folds().stream().mapToInt(Training::bestEpoch).average().orElse(0));
    }

    /** Epochs trained, summed over folds. */
    int epochsTrained() {
        return folds().stream().mapToInt(Training::epochs).sum();
    }

    /** The first fold's training (the only one with a validation split). */
    Training first() {
        return folds().get(0);
    }

    void status(String status) {
        this.status = status;
    }

    String status() {
        return diverged() ? "diverged" : status;
    }

    List<TrialReport.Epoch> curve() {
        return List.copyOf(curve);
    }

    List<TrialReport.RungScore> rungScores() {
        return List.copyOf(rungs);
    }

    double seconds() {
        return took.toNanos() / 1e9;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
