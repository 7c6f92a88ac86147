package io.driftloop.local;

import io.driftloop.infra.kafka.KafkaSettings;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.Adaptation;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.FeatureDrift;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainAbandoned;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.contracts.events.TrainingTrial;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the loop's topics for one model and turns each event into a progress line; keeps the
 * promotions and evaluations seen so a caller can wait for them.
 */
public final class LoopWatcher implements AutoCloseable {

    private static final List<String> TOPICS = List.of(Topics.DRIFT_STATS, Topics.RETRAIN_REQUESTED,
            Topics.RETRAIN_ABANDONED,
            Topics.DATASET_READY, Topics.TRAINING_PROGRESS, Topics.MODEL_TRAINED, Topics.MODEL_EVALUATED,
            Topics.MODEL_PROMOTED);

    private final String model;
    private final Consumer<String> out;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    private final List<ModelPromoted> promotions = new CopyOnWriteArrayList<>();
    private final Map<String, ModelEvaluated> evaluations = new ConcurrentHashMap<>();
    private final List<RetrainRequested> requests = new CopyOnWriteArrayList<>();
    private final List<DatasetReady> datasets = new CopyOnWriteArrayList<>();
    private final List<Adaptation> adaptations = new CopyOnWriteArrayList<>();
    private volatile Instant firstDriftedAt;
    private volatile int windows;
    private volatile int labelWindows;
    private volatile int shiftedLabelWindows;
    private volatile int driftedWindows;

    public LoopWatcher(Map<String, ?> kafka, String model, Consumer<String> out) {
        this.model = model;
        this.out = out;
        this.consumer = new KafkaConsumer<>(KafkaSettings.with(kafka,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = TOPICS.stream()
                .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(t, p.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::follow, "loop-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public List<ModelPromoted> promotions() {
        return List.copyOf(promotions);
    }

    /** The first champion: the first promotion seen. */
    public Optional<ModelPromoted> firstChampion() {
        return promotions.stream().findFirst();
    }

    /**
     * The champion that replaced {@code previous}: the first promotion of a newer version than it.
     * Usually {@code previous + 1}; a version number may also go to a candidate that was not promoted.
     */
    public Optional<ModelPromoted> championAfter(int previous) {
        return promotions.stream().filter(p -> p.version() > previous).findFirst();
    }

    /** The champion that replaced the first one (v2, unless a version number went to a candidate never promoted). */
    public Optional<ModelPromoted> secondChampion() {
        return firstChampion().flatMap(first -> championAfter(first.version()));
    }

    public Optional<ModelEvaluated> evaluation(String candidateId) {
        return Optional.ofNullable(evaluations.get(candidateId));
    }

    /** Every verdict seen, in the order of evaluation. */
    public List<ModelEvaluated> evaluations() {
        return evaluations.values().stream().sorted(java.util.Comparator.comparing(ModelEvaluated::evaluatedAt)).toList();
    }

    public List<RetrainRequested> requests() {
        return List.copyOf(requests);
    }

    /** The most attempts a drift series reached (0 without a drift request). */
    public int driftAttempts() {
        return requests.stream().filter(r -> r.trigger() == io.driftloop.contracts.events.RetrainTrigger.DRIFT)
                .mapToInt(RetrainRequested::attemptNumber).max().orElse(0);
    }

    /** One summary line of a dataset: "drift: 2011 rows (test 301), every gate could decide". */
    static String describe(DatasetReady d) {
        return String.format("%s: %d rows (test %d), %s", d.trigger().name().toLowerCase(java.util.Locale.ROOT),
                d.counts().total(), d.counts().test(), d.sizing().sufficient() ? "every gate could decide"
                        : "cut at the deadline, short of " + d.sizing().shortfalls());
    }

    /** Datasets announced with their sizing, in order. */
    public List<DatasetReady> datasets() {
        return List.copyOf(datasets);
    }

    /** Adaptations the drift-detector reported on its windows, in order. */
    public List<Adaptation> adaptations() {
        return List.copyOf(adaptations);
    }

    /** When the first drifted window was seen here, or null. */
    public Instant firstDriftedAt() {
        return firstDriftedAt;
    }

    /** Windows of labelled examples compared with the training labels. */
    public int labelWindows() {
        return labelWindows;
    }

    /** Of those, windows whose labels drifted from the training labels (prior shift). */
    public int shiftedLabelWindows() {
        return shiftedLabelWindows;
    }

    public int windows() {
        return windows;
    }

    public int driftedWindows() {
        return driftedWindows;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (model.equals(r.key())) {
                        try {
                            show(r.topic(), r.value());
                        } catch (RuntimeException e) {
                            out.accept("(unreadable event on " + r.topic() + ": " + e.getMessage() + ")");
                        }
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void show(String topic, String json) {
        switch (topic) {
            case Topics.DRIFT_STATS -> {
                DriftStats s = Json.decode(json, DriftStats.class);
                if (s.ofLabels()) {
                    labelWindows++;
                    if (s.drifted()) {
                        shiftedLabelWindows++;
                    }
                    FeatureDrift label = s.features().get(0);
                    out.accept(String.format("labels of %d examples vs v%s's training labels: %s (%s %s %.3g)",
                            s.sampleSize(), s.championVersion(), s.drifted() ? "PRIOR SHIFT" : "as in training",
                            label.test(), label.pValue() == null ? "distance" : "p", label.pValue() == null
                                    ? label.statistic() : label.pValue()));
                    return;
                }
                if (s.adaptation() != null) {
                    adaptations.add(s.adaptation());
                    out.accept(String.format("adapted: v%d -> v%d served %.1f s after the first drifted window (%s -> %s, "
                            + "event time, measured by the drift-detector)", s.adaptation().fromVersion(),
                            s.adaptation().toVersion(), s.adaptation().seconds(), s.adaptation().driftedAt(),
                            s.adaptation().servedAt()));
                }
                windows++;
                if (s.drifted()) {
                    driftedWindows++;
                    if (firstDriftedAt == null) {
                        firstDriftedAt = Instant.now();
                    }
                }
                String drifted = s.features().stream().filter(FeatureDrift::drifted).map(FeatureDrift::feature)
                        .collect(Collectors.joining(", "));
                out.accept(String.format("drift window of %d events vs v%s: %d of %d features drifted%s%s",
                        s.sampleSize(), s.championVersion(), s.features().stream().filter(FeatureDrift::drifted).count(),
                        s.features().size(), drifted.isEmpty() ? "" : " (" + drifted + ")", s.drifted() ? "  => DRIFT" : ""));
            }
            case Topics.RETRAIN_ABANDONED -> out.accept("GAVE UP: " + Json.decode(json, RetrainAbandoned.class).reason());
            case Topics.RETRAIN_REQUESTED -> {
                RetrainRequested r = Json.decode(json, RetrainRequested.class);
                requests.add(r);
                out.accept("retrain requested (" + r.trigger().name().toLowerCase()
                        + (r.attemptNumber() > 1 ? ", attempt " + r.attemptNumber() : "") + "): " + r.reason());
            }
            case Topics.DATASET_READY -> {
                DatasetReady d = Json.decode(json, DatasetReady.class);
                out.accept(String.format("dataset %s: %d rows (train %d, validation %d, test %d) from offsets %s",
                        shortId(d.datasetId()), d.counts().total(), d.counts().train(), d.counts().validation(),
                        d.counts().test(), d.offsets().stream().map(o -> o.partition() + ":" + o.fromOffset() + "-" + o.toOffset())
                                .collect(Collectors.joining(","))));
                if (d.sizing() != null) {
                    datasets.add(d);
                    out.accept("    sized " + (d.sizing().sufficient() ? "so every gate can decide" : "at the deadline, short of "
                            + d.sizing().shortfalls()) + " (waited " + d.sizing().waited() / 1000 + " s): "
                            + String.join("; ", d.sizing().requirements()));
                }
            }
            case Topics.TRAINING_PROGRESS -> {
                TrainingProgress p = Json.decode(json, TrainingProgress.class);
                if (p.epoch() == 1 || p.epoch() % 5 == 0) {
                    out.accept(String.format("training %s: epoch %d/%d, train loss %.4f, validation loss %s",
                            shortId(p.candidateId()), p.epoch(), p.maxEpochs(), p.trainLoss(),
                            p.validationLoss() == null ? "-" : String.format("%.4f", p.validationLoss())));
                }
            }
            case Topics.MODEL_TRAINED -> {
                ModelTrained t = Json.decode(json, ModelTrained.class);
                out.accept(String.format("trained candidate %s: %s", shortId(t.candidateId()), format(t.trainingMetrics())));
                if (t.trials() != null) {
                    // the baseline, the chosen trial and the warm start; the rest of a search in one line
                    int others = 0;
                    for (TrainingTrial trial : t.trials()) {
                        if (!trial.chosen() && TrainingTrial.FROM_SCRATCH.equals(trial.kind())) {
                            others++;
                            continue;
                        }
                        out.accept(String.format("    trial %s%s: %s%s", trial.kind(), trial.parentVersion() == null ? ""
                                        : " from v" + trial.parentVersion(), trial.validation().isEmpty() ? trial.note()
                                        : "validation " + format(trial.validation()), trial.chosen() ? " (chosen)" : ""));
                    }
                    if (others > 0) {
                        out.accept(String.format("    and %d other trial%s of the search (successive halving)%s", others,
                                others == 1 ? "" : "s", t.trialReport() == null ? "" : ": " + t.trialReport().uri()));
                    }
                }
            }
            case Topics.MODEL_EVALUATED -> {
                ModelEvaluated e = Json.decode(json, ModelEvaluated.class);
                evaluations.put(e.candidateId(), e);
                out.accept(String.format("evaluated %s on %d test rows: %s — %s", shortId(e.candidateId()), e.testRows(),
                        e.verdict().name(), e.summary()));
                for (GateResult g : e.gates()) {
                    out.accept("    " + (g.passed() ? "pass " : g.notDecided() ? "UNDECIDED " : "FAIL ") + g.gate() + ": "
                            + g.detail());
                }
            }
            case Topics.MODEL_PROMOTED -> {
                ModelPromoted p = Json.decode(json, ModelPromoted.class);
                if (promotions.stream().noneMatch(x -> x.version() == p.version())) {
                    promotions.add(p);
                    out.accept(String.format("PROMOTED %s v%d (previous %s): %s — %s", p.model(), p.version(),
                            p.previousVersion() == null ? "none" : "v" + p.previousVersion(), format(p.metrics()), p.reason()));
                }
            }
            default -> {
            }
        }
    }

    static String shortId(String id) {
        if (id == null) {
            return "?";
        }
        return id.startsWith("sha256:") ? id.substring(7, Math.min(id.length(), 19)) : id;
    }

    static String format(Map<String, ? extends Number> metrics) {
        if (metrics == null) {
            return "{}";
        }
        return metrics.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + String.format("%.3f", e.getValue().doubleValue()))
                .collect(Collectors.joining(", "));
    }
}
