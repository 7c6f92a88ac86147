package io.driftloop.subscriber;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.artifacts.ArtifactStore;
import io.driftloop.contracts.events.ModelPromoted;
import io.driftloop.follow.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code ct.model.promoted.v1} from its beginning and keeps the current champion of one or
 * more models loaded and ready to score; see {@link Champions} for the swap rule. A group-less
 * consumer (all partitions assigned, nothing committed) on a thread of its own reads the topic:
 * every start replays the compacted history, so a late subscriber gets the current champions, and
 * then follows new promotions. History is applied in one step once read to its end, so only the
 * latest promotion of each model is loaded.
 *
 * <pre>{@code
 * ModelSubscriber<Dl4jModel> models = ModelSubscriber.builder(new Dl4jModelLoader())
 *         .bootstrapServers("localhost:9092")
 *         .artifactStore(new LocalArtifactStore(Path.of("/var/lib/driftloop/artifacts")))
 *         .models(Set.of("credit-risk"))
 *         .start();
 * models.current("credit-risk").ifPresent(m -> m.value().score(features));
 * }</pre>
 *
 * <p>Thread-safe: {@link #current}, {@link #status} and the readiness methods may be called from any
 * thread; listener callbacks run on the follower thread.
 */
public final class ModelSubscriber<M> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelSubscriber.class);

    private final Champions<M> champions;
    private final SubscriptionListener listener;
    private final String topic;
    private final TopicFollower follower;
    /** Promotions read before the topic's end at start: applied in one step once all are in hand. */
    private final List<ModelPromoted> history = new ArrayList<>();

    private ModelSubscriber(Builder<M> b) {
        this.listener = b.listener;
        this.champions = new Champions<>(b.models, b.store, b.loader, b.listener, b.clock);
        this.topic = b.topic;
        this.follower = new TopicFollower(b.consumerProperties, b.clientId, List.of(topic), b.pollTimeout, this::onPoll, () -> {
            LOG.info("caught up with {}: {}", topic, champions.statuses());
            Champions.callSafely(listener::caughtUp);
        });
    }

    public static <M> Builder<M> builder(ModelLoader<M> loader) {
        return new Builder<>(loader);
    }

    /** The model serving for {@code model}: take it once per request and score with it. */
    public Optional<LoadedModel<M>> current(String model) {
        return champions.current(model);
    }

    public Optional<SubscriptionStatus> status(String model) {
        return champions.status(model);
    }

    public Map<String, SubscriptionStatus> statuses() {
        return champions.statuses();
    }

    /** Whether every promotion that was on the topic at start has been applied. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    /** Caught up and a model serving for {@code model}. */
    public boolean ready(String model) {
        return caughtUp() && current(model).isPresent();
    }

    /** Caught up and, for each model subscribed by name, a model serving. */
    public boolean ready() {
        return caughtUp() && champions.models().stream().allMatch(m -> current(m).isPresent());
    }

    /** Why following stopped for good, or null while it runs. */
    public String stoppedBecause() {
        return follower.stoppedBecause();
    }

    /**
     * What is wrong with following the promotions, or null while it works: why it stopped, or the
     * failure it keeps retrying and since when.
     */
    public String trouble() {
        return follower.trouble();
    }

    /** Waits until {@link #caughtUp()}; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) {
        return follower.awaitCaughtUp(timeout);
    }

    /** Stops following; the models loaded stay readable through {@link #current}. */
    @Override
    public void close() {
        follower.close();
    }

    private ModelSubscriber<M> start() {
        follower.start();
        return this;
    }

    /** One poll, on the follower's thread: history is gathered until it is all in hand, then applied at once. */
    private void onPoll(ConsumerRecords<String, String> records) {
        List<ModelPromoted> batch = decode(records);
        if (!follower.caughtUp()) {
            history.addAll(batch);
            if (follower.historyInHand()) {
                champions.applyAll(history);
                history.clear();
            }
        } else if (!batch.isEmpty()) {
            champions.applyAll(batch);
        }
    }

    private List<ModelPromoted> decode(ConsumerRecords<String, String> records) {
        List<ModelPromoted> out = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            if (r.value() == null) {
                continue; // a tombstone: compaction's deletion marker, nothing to serve
            }
            try {
                ModelPromoted p = Json.decode(r.value(), ModelPromoted.class).validate();
                if (champions.follows(p.model())) {
                    out.add(p);
                }
            } catch (RuntimeException e) {
                LOG.warn("skipping invalid record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                Champions.callSafely(() -> listener.invalidRecord(r.partition(), r.offset(), e.getMessage()));
            }
        }
        return out;
    }

    /** Settings of a subscriber; {@link #bootstrapServers} and {@link #artifactStore} are required. */
    public static final class Builder<M> {

        private final ModelLoader<M> loader;
        private ArtifactStore store;
        private Set<String> models = Set.of();
        private SubscriptionListener listener = new SubscriptionListener() { };
        private Clock clock = Clock.systemUTC();
        private String topic = Topics.MODEL_PROMOTED;
        private String clientId = "model-subscriber";
        private Duration pollTimeout = Duration.ofMillis(500);
        private final Map<String, Object> consumerProperties = new HashMap<>();

        private Builder(ModelLoader<M> loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
        }

        public Builder<M> bootstrapServers(String servers) {
            consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            return this;
        }

        /** Where artifacts are read from; the store need not verify them, the subscriber checks the SHA-256 itself. */
        public Builder<M> artifactStore(ArtifactStore store) {
            this.store = store;
            return this;
        }

        /** Model names to follow; empty (the default) follows every model promoted. */
        public Builder<M> models(Set<String> names) {
            this.models = Set.copyOf(names);
            return this;
        }

        public Builder<M> listener(SubscriptionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder<M> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The promotions topic; {@code ct.model.promoted.v1} unless a test isolates itself. */
        public Builder<M> topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /** Prefix of the consumer's client id and the follower thread's name. */
        public Builder<M> clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        /** Extra Kafka consumer settings (security, for instance); group and commit settings are ignored. */
        public Builder<M> consumerProperty(String name, Object value) {
            consumerProperties.put(name, value);
            return this;
        }

        /**
         * Kafka consumer settings, all at once: the same ones the application's other clients use
         * (bootstrap servers, {@code security.protocol}, {@code sasl.*}, {@code ssl.*}); a
         * {@code bootstrap.servers} among them stands for {@link #bootstrapServers}.
         */
        public Builder<M> consumerProperties(Map<String, ?> properties) {
            properties.forEach(this::consumerProperty);
            return this;
        }

        /** Starts following; returns at once (see {@link ModelSubscriber#awaitCaughtUp}). */
        public ModelSubscriber<M> start() {
            Objects.requireNonNull(consumerProperties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), "bootstrapServers");
            Objects.requireNonNull(store, "artifactStore");
            return new ModelSubscriber<>(this).start();
        }
    }
}
