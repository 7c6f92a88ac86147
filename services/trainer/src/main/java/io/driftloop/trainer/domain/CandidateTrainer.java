package io.driftloop.trainer.domain;

import io.driftloop.contracts.InvalidEventException;
import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.model.ModelArtifact;
import io.driftloop.contracts.spec.ModelSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.driftloop.contracts.events.TrainingTrial;
import io.driftloop.contracts.spec.FeatureSpec;
import io.driftloop.contracts.spec.ClassWeights;
import io.driftloop.contracts.spec.TrainingSpec;
import io.driftloop.contracts.model.TrialReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a dataset snapshot and a spec into a candidate by a search on the validation split
 * ({@link SearchPlan}): the logistic-regression baseline first, trained in full; then the raced
 * trials (the spec's recipe first) by successive halving with synchronous rungs; then, when the
 * model has a champion ({@link Parent}), {@code training.warmStart} is on and the spec's features
 * still match the champion's encoding, a fine-tuning of the champion's network with its own encoding
 * ({@code training.warmStartLearningRate}, {@code warmStartEpochs}). The one handed on is chosen by
 * {@value #SELECTION}. The feature encoding is fitted on the training split; with
 * {@code training.search.folds} ≥ 2 every trial is scored by k-fold cross-validation over train ∪
 * validation and the chosen one is refit on both for its folds' mean best epoch. The test split is
 * never read. Every trial's candidate id is known before any training. Thread-safe if the learner is.
 */
public final class CandidateTrainer {

    /** How the candidate handed to the evaluator is chosen among the trials. */
    public static final String SELECTION = "the lowest validation loss (cross-entropy on the validation split, the "
            + "folds' mean with cross-validation) among the baseline, the search's winner (successive halving on the "
            + "same loss) and the warm start; a tie within 1e-9 goes to the simpler: baseline, then search, then "
            + "warm start";

    /** The champion a warm start continues from: its version, its artifact's SHA-256 and the artifact. */
    public record Parent(int version, String sha256, ModelArtifact artifact) {
    }

    private final Learner learner;
    private final Clock clock;
    private final String codeVersion;
    private final Checkpoints checkpoints;
    private final int checkpointEvery;
    private final TrialPool pool;

    /** A trainer that keeps no checkpoints. */
    public CandidateTrainer(Learner learner, Clock clock, String codeVersion) {
        this(learner, clock, codeVersion, Checkpoints.NONE, 0);
    }

    /**
     * A trainer whose trials save a checkpoint to {@code checkpoints} every {@code checkpointEvery}
     * epochs (0: only) at the end of each rung, and go on from their latest one when the same
     * dataset is trained again (after a crash): the search then yields the same bytes as if it had
     * never stopped.
     */
    public CandidateTrainer(Learner learner, Clock clock, String codeVersion, Checkpoints checkpoints,
                            int checkpointEvery) {
        this(learner, clock, codeVersion, checkpoints, checkpointEvery, null);
    }

    /**
     * A trainer that has {@code pool} (when not null) train the trials of each stage — the baseline,
     * each rung, the warm start — and reads their states back from {@code checkpoints} to rank them
     * and finish the winner: the same decisions on the same numbers as training them here, so the
     * same bytes.
     */
    public CandidateTrainer(Learner learner, Clock clock, String codeVersion, Checkpoints checkpoints,
                            int checkpointEvery, TrialPool pool) {
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery must be 0 or positive, was " + checkpointEvery);
        }
        this.learner = learner;
        this.clock = clock;
        this.codeVersion = codeVersion;
        this.checkpoints = checkpoints;
        this.checkpointEvery = checkpointEvery;
        this.pool = pool;
    }

    public String codeVersion() {
        return codeVersion;
    }

    /** The id the spec's own recipe trained from scratch on this dataset has, known before any training. */
    public String candidateId(ModelSpec spec, String specHash, String datasetId) {
        return CandidateId.of(datasetId, specHash, Hyperparameters.of(spec.training()), codeVersion);
    }

    /**
     * The ids every candidate of this dataset could have, known before any training: the baseline's,
     * every raced trial's and, when the champion's artifact has SHA-256 {@code parentSha256} and warm
     * starts are on, the warm start's.
     */
    public List<String> candidateIds(ModelSpec spec, String specHash, String datasetId, Optional<String> parentSha256) {
        SearchPlan plan = SearchPlan.of(spec.training());
        List<String> ids = new ArrayList<>();
        plan.baseline().ifPresent(b -> ids.add(CandidateId.of(datasetId, specHash, b.hyperparameters(), codeVersion)));
        plan.raced().forEach(t -> ids.add(CandidateId.of(datasetId, specHash, t.hyperparameters(), codeVersion)));
        parentSha256.filter(sha -> spec.training().warmStart())
                .ifPresent(sha -> ids.add(warmId(spec, specHash, datasetId, sha)));
        return ids;
    }

    private String warmId(ModelSpec spec, String specHash, String datasetId, String parentSha256) {
        return CandidateId.of(datasetId, specHash, warmHyperparameters(spec), codeVersion, parentSha256);
    }

    /**
     * Trains the candidates of {@code dataset} (named {@code datasetId}) under {@code spec} (hashed
     * {@code specHash}) without a champion; throws {@link InvalidEventException} when the dataset
     * cannot be trained on.
     */
    public Candidate train(ModelSpec spec, String specHash, String datasetId, Dataset dataset, EpochListener listener) {
        return train(spec, specHash, datasetId, dataset, Optional.empty(), id -> listener);
    }

    /** How a trial's network starts: from scratch, or from the champion's. */
    private interface Start {
        Training start(TrainingData data, Hyperparameters hp);
    }

    /** The rows a trial sees: the search splits (one, or one per fold) and every row for a refit. */
    private record Rows(List<TrainingData> splits, Examples all, int validationRows) {
    }

    /**
     * Trains every trial of {@code dataset} (baseline, search and, with {@code parent}, a warm start)
     * and returns the chosen one with every trial and the trial report. {@code listeners} gives the
     * epoch listener of a candidate id.
     */
    public Candidate train(ModelSpec spec, String specHash, String datasetId, Dataset dataset, Optional<Parent> parent,
                           Function<String, EpochListener> listeners) {
        List<DatasetRow> trainRows = trainRows(spec, datasetId, dataset);
        List<DatasetRow> validationRows = dataset.split(Split.VALIDATION);
        TrainingSpec t = spec.training();
        SearchPlan plan = SearchPlan.of(t);
        int folds = folds(t, trainRows, validationRows);
        FeatureEncoding encoding = FeatureEncoding.fit(spec, trainRows.stream().map(DatasetRow::features).toList());
        Rows rows = rows(encoding, trainRows, validationRows, t, folds);
        Instant begin = clock.instant();
        Start scratch = learner::start;

        List<TrialRun> runs = new ArrayList<>();
        TrialRun baseline = plan.baseline().map(b -> new TrialRun(b,
                CandidateId.of(datasetId, specHash, b.hyperparameters(), codeVersion), rows.splits(),
                d -> scratch.start(d, b.hyperparameters()), clock)).orElse(null);
        if (baseline != null) {
            runs.add(baseline);
        }
        List<TrialRun> alive = new ArrayList<>();
        for (SearchPlan.Trial trial : plan.raced()) {
            alive.add(new TrialRun(trial, CandidateId.of(datasetId, specHash, trial.hyperparameters(), codeVersion),
                    rows.splits(), d -> scratch.start(d, trial.hyperparameters()), clock));
        }
        runs.addAll(alive);

        String skip = parent.map(p -> whyNotWarmStarted(spec, p)).orElse(null);
        TrialRun warm = null;
        Rows warmRows = null;
        Start warmStart = null;
        if (parent.isPresent() && skip == null) {
            Parent p = parent.get();
            Hyperparameters warmHp = warmHyperparameters(spec);
            warmRows = rows(p.artifact().encoding(), trainRows, validationRows, t, folds);
            warmStart = (d, hp) -> learner.resume(d, p.artifact().network(), hp);
            Start start = warmStart;
            warm = new TrialRun(new SearchPlan.Trial(runs.size(), TrainingTrial.WARM_START, warmHp),
                    warmId(spec, specHash, datasetId, p.sha256()), warmRows.splits(), d -> start.start(d, warmHp), clock);
            runs.add(warm);
        }

        // the baseline (in full), the first rung and the warm start (in full) depend on nothing else:
        // one stage, so a trainer group trains them side by side
        List<Integer> rungs = plan.rungs();
        Map<TrialRun, Integer> first = new LinkedHashMap<>();
        if (baseline != null) {
            first.put(baseline, baseline.trial.hyperparameters().maxEpochs());
        }
        alive.forEach(r -> first.put(r, rungs.get(0)));
        if (warm != null) {
            first.put(warm, warm.trial.hyperparameters().maxEpochs());
        }
        stage(first, listeners);
        for (TrialRun r : Arrays.asList(baseline, warm)) {
            if (r != null) {
                r.scoreRung(0, r.first().epochs());
            }
        }

        String cut = null;
        for (int k = 0; k < rungs.size(); k++) {
            int epochs = rungs.get(k);
            if (k > 0) {
                Duration elapsed = Duration.between(begin, clock.instant());
                if (elapsed.compareTo(t.search().maxDuration()) > 0) {
                    cut = "training.search.maxDuration " + t.search().maxDuration() + " passed after "
                            + seconds(elapsed) + " s: rung " + k + " of " + rungs.size() + " (" + epochs
                            + " epochs) not started; the best of rung " + (k - 1) + " wins";
                    for (TrialRun r : alive) {
                        r.status("cut after rung " + (k - 1) + " (" + rungs.get(k - 1) + " epochs)");
                    }
                    break;
                }
                Map<TrialRun, Integer> rung = new LinkedHashMap<>();
                alive.forEach(r -> rung.put(r, epochs));
                stage(rung, listeners);
            }
            for (TrialRun r : alive) {
                r.scoreRung(k, epochs);
            }
            if (k + 1 < rungs.size()) {
                List<Integer> kept = SearchPlan.best(scores(alive), plan.trialsAt(k + 1));
                List<Integer> ranking = SearchPlan.best(scores(alive), alive.size());
                for (TrialRun r : alive) {
                    if (!kept.contains(r.trial.index())) {
                        r.status(r.diverged() ? "diverged" : String.format(Locale.ROOT,
                                "stopped at rung %d (%d epochs): ranked %d of %d", k, epochs,
                                ranking.indexOf(r.trial.index()) + 1, alive.size()));
                    }
                }
                alive = alive.stream().filter(r -> kept.contains(r.trial.index())).toList();
            }
        }
        int winnerIndex = SearchPlan.best(scores(alive), 1).get(0);
        TrialRun searchWinner = alive.stream().filter(r -> r.trial.index() == winnerIndex).findFirst().orElseThrow();

        List<TrialRun> finalists = new ArrayList<>();
        if (baseline != null) {
            finalists.add(baseline);
        }
        finalists.add(searchWinner);
        if (warm != null) {
            finalists.add(warm);
        }
        TrialRun chosen = null;
        for (TrialRun r : finalists) {
            if (!r.diverged() && (chosen == null || r.score() < chosen.score() - 1e-9)) {
                chosen = r;
            }
        }
        if (chosen == null || !Double.isFinite(chosen.score())) {
            throw new InvalidEventException("training diverged: no trial had a finite loss ("
                    + runs.stream().map(TrialRun::divergence).filter(java.util.Objects::nonNull).findFirst()
                    .orElse("no epoch improved") + "); lower training.learningRate in the spec");
        }

        boolean chosenWarm = chosen == warm;
        FeatureEncoding chosenEncoding = chosenWarm ? parent.get().artifact().encoding() : encoding;
        Rows chosenRows = chosenWarm ? warmRows : rows;
        TrainedModel model;
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (folds == 0) {
            model = chosen.first().finish();
            metrics.put("trainLoss", model.trainLoss());
            if (model.validationLoss() != null) {
                metrics.put("validationLoss", model.validationLoss());
                metrics.put("validationAccuracy", accuracy(model.validationScores(),
                        chosenRows.splits().get(0).validation().labels()));
            }
        } else {
            model = refit(chosen, chosenRows, chosenWarm ? warmStart : scratch, listeners);
            metrics.put("trainLoss", model.trainLoss());
            metrics.put("validationLoss", chosen.score());
            metrics.put("validationAccuracy", chosen.accuracy());
            metrics.put("folds", (double) folds);
        }
        metrics.put("bestEpoch", (double) model.bestEpoch());
        metrics.put("epochs", (double) model.epochsRun());
        metrics.put("trainRows", (double) (folds == 0 ? chosenRows.splits().get(0).train().rows() : chosenRows.all().rows()));
        metrics.put("validationRows", (double) chosenRows.validationRows());
        metrics.put("trials", (double) runs.size());
        Duration took = Duration.between(begin, clock.instant());
        metrics.put("seconds", took.toNanos() / 1e9);

        Map<String, Object> hyperparameters = new LinkedHashMap<>(chosen.trial.hyperparameters()
                .asMap(model.epochsRun(), model.bestEpoch()));
        if (chosenWarm) {
            hyperparameters.put("warmStartFrom", parent.get().version());
            hyperparameters.put("warmStartSha256", parent.get().sha256());
        }
        Candidate picked = new Candidate(chosen.candidateId, specHash,
                new ModelArtifact(spec.name(), chosen.candidateId, chosenEncoding, model.network()), hyperparameters,
                chosen.trial.hyperparameters().seed(), metrics);

        String comparison = comparison(finalists, chosen);
        List<TrainingTrial> trials = new ArrayList<>();
        List<TrialReport.Trial> reported = new ArrayList<>();
        for (TrialRun r : runs) {
            boolean isChosen = r == chosen;
            String note = note(r, searchWinner, baseline, comparison);
            Parent p = r == warm ? parent.get() : null;
            Map<String, Object> hp = r.trial.hyperparameters().asMap(r.first().epochs(), r.first().bestEpoch());
            Map<String, Double> validation = new LinkedHashMap<>();
            if (Double.isFinite(r.score()) && r.accuracy() != null) {
                validation.put("loss", r.score());
                validation.put("accuracy", r.accuracy());
            }
            validation.put("rows", (double) (r == warm ? warmRows : rows).validationRows());
            trials.add(new TrainingTrial(r.candidateId, kind(r, warm), p == null ? null : p.version(),
                    p == null ? null : p.sha256(), hp, validation, isChosen, note));
            reported.add(new TrialReport.Trial(r.trial.index(), r.candidateId, kind(r, warm), hp, r.status(),
                    r.rungScores(), r.curve(), validation, r.seconds(), isChosen, note));
        }
        parent.filter(p -> skip != null).ifPresent(p -> trials.add(skipped(p, skip)));
        String selection = SELECTION + (cut == null ? "" : "; search cut: " + cut)
                + (t.search().folds() >= 2 && folds == 0 ? "; " + t.search().folds() + "-fold cross-validation "
                + "needs " + MIN_ROWS_PER_FOLD + " rows per fold, the dataset has fewer: selected on the validation "
                + "split" : "");
        TrialReport report = new TrialReport(spec.name(), datasetId, specHash, codeVersion, searchSettings(t, folds),
                rungs, cut, took.toNanos() / 1e9, runs.stream().mapToInt(TrialRun::epochsTrained).sum(),
                chosen.candidateId, selection, reported);
        return new Candidate(picked.candidateId(), specHash, picked.artifact(), picked.hyperparameters(), picked.seed(),
                picked.metrics(), trials, selection, report);
    }

    /**
     * Advances {@code run} to {@code until} epochs: first from its latest checkpoint up to there, if
     * one is further than the trial is, then in steps of {@link #checkpointEvery} epochs, each saved,
     * and the last step (the rung's end) saved too.
     */
    private void advance(TrialRun run, int until, EpochListener listener) {
        Hyperparameters hp = run.trial.hyperparameters();
        checkpoints.latest(run.candidateId, until).filter(saved -> saved.epoch() > run.reached())
                .ifPresent(saved -> run.restore(saved.bytes(), (data, bytes) -> learner.restore(data, hp, bytes)));
        while (run.reached() < until) {
            // a trial early stopping ended goes straight to the rung's end
            int next = checkpointEvery == 0 || run.stopped() ? until
                    : Math.min(until, (run.reached() / checkpointEvery + 1) * checkpointEvery);
            int trained = run.epochsTrained();
            run.advance(next, listener);
            if (checkpoints != Checkpoints.NONE && (run.epochsTrained() > trained || next == until)) {
                checkpoints.save(run.candidateId, next, run.checkpoint());
            }
        }
    }

    /**
     * Trains one trial of the search of {@code dataset} to {@code epoch}, from its latest checkpoint,
     * saving checkpoints as it goes and one labelled {@code epoch} at the end: the work a member of
     * the trainer group does for a search run elsewhere. Throws {@link InvalidEventException} when
     * the search has no such trial.
     */
    public void trainTrial(ModelSpec spec, String specHash, String datasetId, Dataset dataset, Optional<Parent> parent,
                           String trialId, int epoch, EpochListener listener) {
        List<DatasetRow> trainRows = trainRows(spec, datasetId, dataset);
        List<DatasetRow> validationRows = dataset.split(Split.VALIDATION);
        TrainingSpec t = spec.training();
        SearchPlan plan = SearchPlan.of(t);
        int folds = folds(t, trainRows, validationRows);
        List<SearchPlan.Trial> trials = new ArrayList<>();
        plan.baseline().ifPresent(trials::add);
        trials.addAll(plan.raced());
        for (SearchPlan.Trial trial : trials) {
            if (CandidateId.of(datasetId, specHash, trial.hyperparameters(), codeVersion).equals(trialId)) {
                FeatureEncoding encoding = FeatureEncoding.fit(spec, trainRows.stream().map(DatasetRow::features).toList());
                Rows rows = rows(encoding, trainRows, validationRows, t, folds);
                advance(new TrialRun(trial, trialId, rows.splits(), d -> learner.start(d, trial.hyperparameters()), clock),
                        epoch, listener);
                return;
            }
        }
        if (parent.isPresent() && whyNotWarmStarted(spec, parent.get()) == null
                && warmId(spec, specHash, datasetId, parent.get().sha256()).equals(trialId)) {
            Parent p = parent.get();
            Hyperparameters warmHp = warmHyperparameters(spec);
            Rows rows = rows(p.artifact().encoding(), trainRows, validationRows, t, folds);
            advance(new TrialRun(new SearchPlan.Trial(trials.size(), TrainingTrial.WARM_START, warmHp), trialId,
                    rows.splits(), d -> learner.resume(d, p.artifact().network(), warmHp), clock), epoch, listener);
            return;
        }
        throw new InvalidEventException("trial " + trialId + " is not one of the search of dataset " + datasetId
                + " under spec " + specHash + " and code version " + codeVersion);
    }

    private static List<DatasetRow> trainRows(ModelSpec spec, String datasetId, Dataset dataset) {
        if (dataset.model() != null && !dataset.model().equals(spec.name())) {
            throw new InvalidEventException("dataset " + datasetId + " belongs to model '" + dataset.model()
                    + "', not '" + spec.name() + "'");
        }
        List<DatasetRow> trainRows = dataset.split(Split.TRAIN);
        if (trainRows.isEmpty()) {
            throw new InvalidEventException("dataset " + datasetId + " has no rows in its train split: nothing to train on");
        }
        return trainRows;
    }

    private static int folds(TrainingSpec t, List<DatasetRow> trainRows, List<DatasetRow> validationRows) {
        return t.search().folds() >= 2 && trainRows.size() + validationRows.size() >= MIN_ROWS_PER_FOLD
                * t.search().folds() ? t.search().folds() : 0;
    }

    /**
     * Trains a stage of the search — the baseline, the first rung and the warm start, then each
     * further rung — each trial to its epoch: here, in order, or by the {@link TrialPool}, whose
     * trials' states are then read back from their checkpoints labelled with those epochs.
     */
    private void stage(Map<TrialRun, Integer> epochs, Function<String, EpochListener> listeners) {
        if (pool == null) {
            epochs.forEach((r, until) -> advance(r, until, listeners.apply(r.candidateId)));
            return;
        }
        Map<String, Integer> asked = new LinkedHashMap<>();
        epochs.forEach((r, until) -> asked.put(r.candidateId, until));
        pool.train(asked);
        for (Map.Entry<TrialRun, Integer> e : epochs.entrySet()) {
            TrialRun r = e.getKey();
            int until = e.getValue();
            Checkpoints.Saved saved = checkpoints.latest(r.candidateId, until).filter(c -> c.epoch() == until)
                    .orElseThrow(() -> new IllegalStateException("trial " + r.candidateId
                            + " has no checkpoint at epoch " + until + " after the trainer group trained it"));
            if (saved.epoch() > r.reached()) {
                Hyperparameters hp = r.trial.hyperparameters();
                r.restore(saved.bytes(), (data, bytes) -> learner.restore(data, hp, bytes));
            }
        }
    }

    /** Cross-validation needs at least this many rows per fold; with fewer the validation split decides. */
    static final int MIN_ROWS_PER_FOLD = 20;

    private Rows rows(FeatureEncoding encoding, List<DatasetRow> trainRows, List<DatasetRow> validationRows,
                      TrainingSpec t, int folds) {
        Examples train = Examples.encode(encoding, trainRows);
        Examples validation = Examples.encode(encoding, validationRows);
        if (folds == 0) {
            if (t.classWeights() == ClassWeights.AUTO) {
                float[] w = train.balancedClassWeights();
                train = train.weightedByClass(w);
                validation = validation.weightedByClass(w);
            }
            return new Rows(List.of(new TrainingData(train, validation)), train.concat(validation), validation.rows());
        }
        Examples all = train.concat(validation);
        if (t.classWeights() == ClassWeights.AUTO) {
            all = all.weightedByClass(all.balancedClassWeights());
        }
        return new Rows(Folds.split(all, folds, t.seed()), all, all.rows() / folds);
    }

    /** The chosen trial trained again on every row (no validation split) for its folds' mean best epoch. */
    private TrainedModel refit(TrialRun chosen, Rows rows, Start start, Function<String, EpochListener> listeners) {
        int epochs = chosen.meanBestEpoch();
        Hyperparameters hp = chosen.trial.hyperparameters();
        Hyperparameters refitHp = new Hyperparameters(hp.hiddenLayers(), hp.learningRate(), hp.batchSize(),
                Math.max(1, epochs), Math.max(1, epochs), hp.seed(), hp.l2(), hp.dropout(), hp.classWeights());
        Training refit = start.start(new TrainingData(rows.all(), rows.all().select(new int[0])), refitHp);
        refit.advance(epochs, listeners.apply(chosen.candidateId));
        return refit.finish();
    }

    private static Map<Integer, Double> scores(List<TrialRun> runs) {
        Map<Integer, Double> scores = new LinkedHashMap<>();
        runs.forEach(r -> scores.put(r.trial.index(), r.score()));
        return scores;
    }

    private static String kind(TrialRun r, TrialRun warm) {
        return r == warm ? TrainingTrial.WARM_START : r.trial.kind();
    }

    private static String comparison(List<TrialRun> finalists, TrialRun chosen) {
        StringBuilder s = new StringBuilder("validation loss ");
        for (int i = 0; i < finalists.size(); i++) {
            TrialRun r = finalists.get(i);
            s.append(i == 0 ? "" : " vs ").append(r.trial.kind().equals(SearchPlan.RACED) ? "search winner" : r.trial.kind())
                    .append(' ').append(Double.isFinite(r.score()) ? String.format(Locale.ROOT, "%.5f", r.score()) : "-");
        }
        return s.append(": ").append(chosen.trial.kind().equals(SearchPlan.RACED) ? "search winner" : chosen.trial.kind())
                .append(" chosen").toString();
    }

    private static String note(TrialRun r, TrialRun searchWinner, TrialRun baseline, String comparison) {
        if (r.diverged()) {
            return "diverged: " + r.divergence();
        }
        if (r == searchWinner || r == baseline || r.trial.kind().equals(TrainingTrial.WARM_START)) {
            return (r == searchWinner ? "won the search; " : "") + comparison;
        }
        return r.status();
    }

    private static Map<String, Object> searchSettings(TrainingSpec t, int folds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("trials", t.search().trials());
        s.put("eta", t.search().eta());
        s.put("minEpochs", t.search().minEpochs());
        s.put("maxEpochs", t.maxEpochs());
        s.put("patience", t.patience());
        s.put("folds", folds);
        s.put("maxDuration", t.search().maxDuration().toString());
        s.put("baseline", t.search().baseline());
        s.put("hiddenLayers", t.search().hiddenLayers());
        s.put("learningRate", t.search().learningRate());
        s.put("batchSize", t.search().batchSize());
        s.put("l2", t.search().l2());
        s.put("dropout", t.search().dropout());
        s.put("classWeights", t.classWeights() == ClassWeights.AUTO ? "auto" : "none");
        return s;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e9);
    }

    private Hyperparameters warmHyperparameters(ModelSpec spec) {
        var t = spec.training();
        return new Hyperparameters(t.hiddenLayers(), t.warmStartLearningRate(), t.batchSize(), t.warmStartEpochs(),
                t.patience(), t.seed(), 0, 0, t.classWeights()); // the champion's network keeps its own L2 and dropout
    }

    /** Why {@code parent} is not warm-started from under {@code spec}, or null when it is. */
    private static String whyNotWarmStarted(ModelSpec spec, Parent parent) {
        if (!spec.training().warmStart()) {
            return "training.warmStart is off";
        }
        String mismatch = mismatch(spec, parent.artifact().encoding());
        return mismatch == null ? null : "not compatible with champion v" + parent.version() + ": " + mismatch;
    }

    /**
     * Why the spec's features no longer fit {@code encoding} (another feature, type or list of
     * categories, in order), or null when they do.
     */
    static String mismatch(ModelSpec spec, FeatureEncoding encoding) {
        List<FeatureEncoding.Column> columns = encoding.columns();
        if (columns.size() != spec.features().size()) {
            return "it was trained on " + columns.size() + " features, the spec declares " + spec.features().size();
        }
        for (int i = 0; i < columns.size(); i++) {
            FeatureEncoding.Column c = columns.get(i);
            FeatureSpec f = spec.features().get(i);
            if (!c.name().equals(f.name())) {
                return "feature " + (i + 1) + " was '" + c.name() + "', is now '" + f.name() + "'";
            }
            if (c.numeric() != f.numeric()) {
                return "feature '" + f.name() + "' was " + (c.numeric() ? "numeric" : "categorical") + ", is now "
                        + (f.numeric() ? "numeric" : "categorical");
            }
            if (!c.numeric() && !c.values().equals(f.values())) {
                return "the categories of '" + f.name() + "' were " + c.values() + ", are now " + f.values();
            }
        }
        return null;
    }

    private static TrainingTrial skipped(Parent p, String why) {
        return new TrainingTrial(null, TrainingTrial.WARM_START, p.version(), p.sha256(), Map.of(), Map.of(), false,
                "skipped: " + why);
    }

    /** Share of rows whose P(label = 1) ≥ 0.5 agrees with the label; NaN for no rows. */
    public static double accuracy(float[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        if (labels.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((scores[i] >= 0.5f ? 1 : 0) == labels[i]) {
                hits++;
            }
        }
        return hits / (double) labels.length;
    }
}
