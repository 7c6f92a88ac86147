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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a dataset snapshot and a spec into a candidate. The from-scratch candidate fits the feature
 * encoding on the training split and has the {@link Learner} fit the network with early stopping on
 * the validation split. When the model has a champion ({@link Parent}), {@code training.warmStart}
 * is on and the spec's features still match the champion's encoding, a second candidate continues
 * from the champion's network with the champion's encoding ({@code training.warmStartLearningRate},
 * {@code warmStartEpochs}); its id names the champion's artifact. The one handed on is chosen by
 * {@value #SELECTION}. The test split is never read. Thread-safe if the learner is.
 */
public final class CandidateTrainer {

    /** How the candidate handed to the evaluator is chosen among the trials. */
    public static final String SELECTION = "the lowest validation loss (cross-entropy on the validation split); a tie "
            + "within 1e-9, or no validation rows, goes to the from-scratch candidate";

    /** The champion a warm start continues from: its version, its artifact's SHA-256 and the artifact. */
    public record Parent(int version, String sha256, ModelArtifact artifact) {
    }

    private final Learner learner;
    private final Clock clock;
    private final String codeVersion;

    public CandidateTrainer(Learner learner, Clock clock, String codeVersion) {
        this.learner = learner;
        this.clock = clock;
        this.codeVersion = codeVersion;
    }

    public String codeVersion() {
        return codeVersion;
    }

    /** The id the from-scratch candidate of this dataset and spec will have, known before any training. */
    public String candidateId(ModelSpec spec, String specHash, String datasetId) {
        return CandidateId.of(datasetId, specHash, Hyperparameters.of(spec.training()), codeVersion);
    }

    /**
     * The ids every candidate of this dataset could have, known before any training: the
     * from-scratch one and, when the champion's artifact has SHA-256 {@code parentSha256} and warm
     * starts are on, the warm start's.
     */
    public List<String> candidateIds(ModelSpec spec, String specHash, String datasetId, Optional<String> parentSha256) {
        List<String> ids = new ArrayList<>();
        ids.add(candidateId(spec, specHash, datasetId));
        parentSha256.filter(sha -> spec.training().warmStart())
                .ifPresent(sha -> ids.add(warmId(spec, specHash, datasetId, sha)));
        return ids;
    }

    private String warmId(ModelSpec spec, String specHash, String datasetId, String parentSha256) {
        return CandidateId.of(datasetId, specHash, warmHyperparameters(spec), codeVersion, parentSha256);
    }

    /**
     * Trains the from-scratch candidate of {@code dataset} (named {@code datasetId}) under {@code spec}
     * (hashed {@code specHash}); throws {@link InvalidEventException} when the dataset cannot be trained on.
     */
    public Candidate train(ModelSpec spec, String specHash, String datasetId, Dataset dataset, EpochListener listener) {
        return train(spec, specHash, datasetId, dataset, Optional.empty(), id -> listener);
    }

    /**
     * Trains every candidate of {@code dataset} (from scratch and, with {@code parent}, a warm start)
     * and returns the chosen one with every trial. {@code listeners} gives the listener of a
     * candidate id.
     */
    public Candidate train(ModelSpec spec, String specHash, String datasetId, Dataset dataset, Optional<Parent> parent,
                           Function<String, EpochListener> listeners) {
        if (dataset.model() != null && !dataset.model().equals(spec.name())) {
            throw new InvalidEventException("dataset " + datasetId + " belongs to model '" + dataset.model()
                    + "', not '" + spec.name() + "'");
        }
        List<DatasetRow> trainRows = dataset.split(Split.TRAIN);
        if (trainRows.isEmpty()) {
            throw new InvalidEventException("dataset " + datasetId + " has no rows in its train split: nothing to train on");
        }
        List<DatasetRow> validationRows = dataset.split(Split.VALIDATION);
        Hyperparameters hp = Hyperparameters.of(spec.training());
        String candidateId = CandidateId.of(datasetId, specHash, hp, codeVersion);
        FeatureEncoding encoding = FeatureEncoding.fit(spec, trainRows.stream().map(DatasetRow::features).toList());
        Run scratch = run(encoding, trainRows, validationRows, data -> learner.fit(data, hp, listeners.apply(candidateId)));
        Candidate fromScratch = new Candidate(candidateId, specHash,
                new ModelArtifact(spec.name(), candidateId, encoding, scratch.model().network()),
                hp.asMap(scratch.model().epochsRun(), scratch.model().bestEpoch()), hp.seed(), scratch.metrics());

        String skip = parent.map(p -> whyNotWarmStarted(spec, p)).orElse(null);
        if (parent.isEmpty() || skip != null) {
            List<TrainingTrial> trials = new ArrayList<>();
            trials.add(trial(fromScratch, TrainingTrial.FROM_SCRATCH, null, true, null));
            parent.ifPresent(p -> trials.add(skipped(p, skip)));
            return withTrials(fromScratch, trials);
        }
        Parent p = parent.get();
        Hyperparameters warmHp = warmHyperparameters(spec);
        String warmId = warmId(spec, specHash, datasetId, p.sha256());
        FeatureEncoding parentEncoding = p.artifact().encoding();
        Run warm = run(parentEncoding, trainRows, validationRows,
                data -> learner.fineTune(data, p.artifact().network(), warmHp, listeners.apply(warmId)));
        Map<String, Object> warmMap = new LinkedHashMap<>(warmHp.asMap(warm.model().epochsRun(), warm.model().bestEpoch()));
        warmMap.put("warmStartFrom", p.version());
        warmMap.put("warmStartSha256", p.sha256());
        Candidate warmStart = new Candidate(warmId, specHash,
                new ModelArtifact(spec.name(), warmId, parentEncoding, warm.model().network()), warmMap, warmHp.seed(),
                warm.metrics());

        Double scratchLoss = scratch.model().validationLoss();
        Double warmLoss = warm.model().validationLoss();
        boolean warmWins = scratchLoss != null && warmLoss != null && warmLoss < scratchLoss - 1e-9;
        String comparison = scratchLoss == null || warmLoss == null ? "no validation rows: from scratch kept"
                : String.format(Locale.ROOT, "validation loss warm start %.5f vs from scratch %.5f", warmLoss, scratchLoss);
        Candidate chosen = warmWins ? warmStart : fromScratch;
        return withTrials(chosen, List.of(
                trial(fromScratch, TrainingTrial.FROM_SCRATCH, null, !warmWins, comparison),
                trial(warmStart, TrainingTrial.WARM_START, p, warmWins, comparison)));
    }

    /** The fitted network of one trial and its figures. */
    private record Run(TrainedModel model, Map<String, Double> metrics) {
    }

    private Run run(FeatureEncoding encoding, List<DatasetRow> trainRows, List<DatasetRow> validationRows,
                    Function<TrainingData, TrainedModel> fit) {
        Examples validation = Examples.encode(encoding, validationRows);
        TrainingData data = new TrainingData(Examples.encode(encoding, trainRows), validation);
        Instant start = clock.instant();
        TrainedModel model = fit.apply(data);
        Duration took = Duration.between(start, clock.instant());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", model.trainLoss());
        if (model.validationLoss() != null) {
            metrics.put("validationLoss", model.validationLoss());
            metrics.put("validationAccuracy", accuracy(model.validationScores(), validation.labels()));
        }
        metrics.put("bestEpoch", (double) model.bestEpoch());
        metrics.put("epochs", (double) model.epochsRun());
        metrics.put("trainRows", (double) data.train().rows());
        metrics.put("validationRows", (double) validation.rows());
        metrics.put("seconds", took.toNanos() / 1e9);
        return new Run(model, metrics);
    }

    private Hyperparameters warmHyperparameters(ModelSpec spec) {
        var t = spec.training();
        return new Hyperparameters(t.hiddenLayers(), t.warmStartLearningRate(), t.batchSize(), t.warmStartEpochs(),
                t.patience(), t.seed());
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

    private static Candidate withTrials(Candidate c, List<TrainingTrial> trials) {
        return new Candidate(c.candidateId(), c.specHash(), c.artifact(), c.hyperparameters(), c.seed(), c.metrics(),
                trials, SELECTION);
    }

    private static TrainingTrial trial(Candidate c, String kind, Parent parent, boolean chosen, String note) {
        Map<String, Double> validation = new LinkedHashMap<>();
        if (c.metrics().containsKey("validationLoss")) {
            validation.put("loss", c.metrics().get("validationLoss"));
            validation.put("accuracy", c.metrics().get("validationAccuracy"));
        }
        validation.put("rows", c.metrics().get("validationRows"));
        return new TrainingTrial(c.candidateId(), kind, parent == null ? null : parent.version(),
                parent == null ? null : parent.sha256(), c.hyperparameters(), validation, chosen, note);
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
