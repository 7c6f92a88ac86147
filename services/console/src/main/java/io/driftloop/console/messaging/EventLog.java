package io.driftloop.console.messaging;

import io.driftloop.console.domain.History;
import io.driftloop.console.domain.Timeline;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.Adaptation;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.DriftStats;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.contracts.events.ModelTrained;
import io.driftloop.contracts.events.RetrainAbandoned;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.TrainingProgress;
import io.driftloop.follow.TopicFollower;
import io.driftloop.kit.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The loop's event topics, read from their beginning and followed, group-less: per model the
 * retrain requests, datasets, candidates, verdicts, promotions and abandoned series (the newest
 * {@value #KEPT} of each), the drift windows (the newest {@value #WINDOWS} of served requests and as
 * many label windows, apart, so neither crowds the other out; only the latest of each keeps its
 * histograms) and the training
 * curves of the newest {@value #CURVES} candidates. Bounded whatever the topics hold. An invalid
 * record is logged and passed over: the console writes nothing.
 */
@ApplicationScoped
public class EventLog {

    private static final Logger LOG = Logger.getLogger(EventLog.class);

    static final int KEPT = 500;
    static final int WINDOWS = 1000;
    static final int CURVES = 30;
    static final List<String> TOPICS = List.of(Topics.RETRAIN_REQUESTED, Topics.DATASET_READY, Topics.MODEL_TRAINED,
            Topics.MODEL_EVALUATED, Topics.MODEL_PROMOTED, Topics.RETRAIN_ABANDONED, Topics.DRIFT_STATS,
            Topics.TRAINING_PROGRESS);

    /** One model's events, each list bounded; guarded by the instance. */
    private static final class ModelEvents {
        final Deque<RetrainRequested> requests = new ArrayDeque<>();
        final Deque<DatasetReady> datasets = new ArrayDeque<>();
        final Deque<ModelTrained> candidates = new ArrayDeque<>();
        final Deque<ModelEvaluated> verdicts = new ArrayDeque<>();
        final Deque<ModelPromoted> promotions = new ArrayDeque<>();
        final Deque<RetrainAbandoned> abandoned = new ArrayDeque<>();
        final Deque<Adaptation> adaptations = new ArrayDeque<>();
        final Deque<DriftStats> windows = new ArrayDeque<>();
        final Deque<DriftStats> labelWindows = new ArrayDeque<>();
        final Map<String, List<TrainingProgress>> curves = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<TrainingProgress>> eldest) {
                return size() > CURVES;
            }
        };
    }

    private final Map<String, ModelEvents> models = new ConcurrentHashMap<>();
    private final TopicFollower follower;
    private final MeterRegistry meters;
    private final Champions champions;

    public EventLog(KafkaClients kafka, MeterRegistry meters, Champions champions) {
        this.meters = meters;
        this.champions = champions;
        this.follower = new TopicFollower(kafka.consumer(), "console-events", TOPICS,
                records -> records.forEach(this::apply));
    }

    /**
     * Seconds since the model's newest retrain request, while it is in flight; 0 when none is. Its
     * limit is the spec's {@code drift.inFlightTimeout}.
     */
    public double inFlightSeconds(String model) {
        return Timeline.episodes(model, history(model)).stream().findFirst()
                .filter(e -> e.inFlight() && e.startedAt() != null)
                .map(e -> Duration.between(e.startedAt(), Instant.now()).toMillis() / 1000.0).orElse(0.0);
    }

    /** Gauges of a model seen for the first time: its retrain in flight and the spec's limit on it. */
    private void gauges(String model) {
        Gauge.builder("driftloop.console.retrain.in.flight", this, log -> log.inFlightSeconds(model))
                .tag("model", model).baseUnit("seconds")
                .description("how long the model's newest retrain request has been in flight; 0 when none is")
                .register(meters);
        Gauge.builder("driftloop.console.retrain.in.flight.timeout", champions,
                        c -> c.spec(model).map(s -> (double) s.drift().inFlightTimeout().toSeconds()).orElse(Double.NaN))
                .tag("model", model).baseUnit("seconds")
                .description("the spec's drift.inFlightTimeout: how long a retrain request may stay unanswered")
                .register(meters);
    }

    void start(@Observes StartupEvent ignored) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.close();
    }

    /** Whether everything on the topics at start has been read. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    public List<String> models() {
        return List.copyOf(new TreeSet<>(models.keySet()));
    }

    /** The model's adaptation events, for {@link io.driftloop.console.domain.Timeline}. */
    public History history(String model) {
        ModelEvents m = models.get(model);
        if (m == null) {
            return History.EMPTY;
        }
        synchronized (m) {
            return new History(List.copyOf(m.requests), List.copyOf(m.datasets), List.copyOf(m.candidates),
                    List.copyOf(m.verdicts), List.copyOf(m.promotions), List.copyOf(m.abandoned),
                    List.copyOf(m.adaptations));
        }
    }

    /** The model's drift windows of served requests, oldest first. */
    public List<DriftStats> windows(String model) {
        ModelEvents m = models.get(model);
        if (m == null) {
            return List.of();
        }
        synchronized (m) {
            return List.copyOf(m.windows);
        }
    }

    /** The model's label windows (prior shift, the concept-drift signal), oldest first. */
    public List<DriftStats> labelWindows(String model) {
        ModelEvents m = models.get(model);
        if (m == null) {
            return List.of();
        }
        synchronized (m) {
            return List.copyOf(m.labelWindows);
        }
    }

    /** The training curves of the model's newest candidates and trials: candidate id → epochs in order. */
    public Map<String, List<TrainingProgress>> curves(String model) {
        ModelEvents m = models.get(model);
        if (m == null) {
            return Map.of();
        }
        synchronized (m) {
            Map<String, List<TrainingProgress>> out = new LinkedHashMap<>();
            m.curves.forEach((id, epochs) -> out.put(id, List.copyOf(epochs)));
            return out;
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return;
        }
        try {
            switch (record.topic()) {
                case Topics.RETRAIN_REQUESTED -> {
                    RetrainRequested e = Json.decode(record.value(), RetrainRequested.class);
                    add(e.model(), m -> bounded(m.requests, e, KEPT));
                }
                case Topics.DATASET_READY -> {
                    DatasetReady e = Json.decode(record.value(), DatasetReady.class);
                    add(e.model(), m -> bounded(m.datasets, e, KEPT));
                }
                case Topics.MODEL_TRAINED -> {
                    ModelTrained e = Json.decode(record.value(), ModelTrained.class);
                    add(e.model(), m -> bounded(m.candidates, e, KEPT));
                }
                case Topics.MODEL_EVALUATED -> {
                    ModelEvaluated e = Json.decode(record.value(), ModelEvaluated.class);
                    add(e.model(), m -> bounded(m.verdicts, e, KEPT));
                }
                case Topics.MODEL_PROMOTED -> {
                    ModelPromoted e = Json.decode(record.value(), ModelPromoted.class);
                    add(e.model(), m -> bounded(m.promotions, e, KEPT));
                }
                case Topics.RETRAIN_ABANDONED -> {
                    RetrainAbandoned e = Json.decode(record.value(), RetrainAbandoned.class);
                    add(e.model(), m -> bounded(m.abandoned, e, KEPT));
                }
                case Topics.DRIFT_STATS -> {
                    DriftStats e = Json.decode(record.value(), DriftStats.class);
                    add(e.model(), m -> {
                        Deque<DriftStats> stream = e.ofLabels() ? m.labelWindows : m.windows;
                        // only the latest window of a stream keeps its distributions (the page draws those)
                        DriftStats previous = stream.pollLast();
                        if (previous != null) {
                            stream.addLast(withoutHistograms(previous));
                        }
                        bounded(stream, e, WINDOWS);
                        if (e.adaptation() != null) {
                            bounded(m.adaptations, e.adaptation(), KEPT);
                        }
                    });
                }
                case Topics.TRAINING_PROGRESS -> {
                    TrainingProgress e = Json.decode(record.value(), TrainingProgress.class);
                    add(e.model(), m -> {
                        List<TrainingProgress> epochs = m.curves.computeIfAbsent(e.candidateId(), id -> new ArrayList<>());
                        // a trial resumed from a checkpoint publishes its last epochs again: the latest of each is kept
                        epochs.removeIf(p -> p.epoch() >= e.epoch());
                        epochs.add(e);
                    });
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("passing over an invalid record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private void add(String model, Consumer<ModelEvents> change) {
        if (model == null) {
            throw new IllegalArgumentException("no model");
        }
        ModelEvents m = models.get(model);
        if (m == null) {
            m = models.computeIfAbsent(model, k -> new ModelEvents());
            gauges(model);
        }
        synchronized (m) {
            change.accept(m);
        }
    }

    /** The window without its features' histograms (the same window when it has none). */
    static DriftStats withoutHistograms(DriftStats w) {
        if (w.features() == null || w.features().stream().allMatch(f -> f.histogram() == null)) {
            return w;
        }
        return new DriftStats(w.eventId(), w.model(), w.championVersion(), w.windowStart(), w.windowEnd(),
                w.sampleSize(), w.features().stream().map(f -> f.histogram() == null ? f : f.withHistogram(null)).toList(),
                w.shareDrifted(), w.threshold(), w.drifted(), w.computedAt(), w.correction(), w.prediction(), w.source(),
                w.adaptation(), w.pValue(), w.alarmRate(), w.concept());
    }

    private static <T> void bounded(Deque<T> deque, T value, int max) {
        deque.addLast(value);
        while (deque.size() > max) {
            deque.removeFirst();
        }
    }
}
