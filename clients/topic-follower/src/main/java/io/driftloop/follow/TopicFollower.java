package io.driftloop.follow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics from their beginning and keeps following them, with a group-less consumer on a
 * thread of its own: the way a service rebuilds in-memory state from Kafka on every start and
 * keeps it current, committing nothing. {@code onPoll} sees every poll's records (also an empty
 * poll, so it can act on time passing) on the follower's thread; {@link #awaitCaughtUp} tells when
 * everything that was on the topics at start has been handed over.
 *
 * <p>A follower does not die of a failure: a topic that does not exist yet is waited for, and
 * anything thrown while polling or handing over (an exception or an error) is logged and the same
 * poll handed over again after a {@link Backoff}, so no record is skipped.
 * {@link #trouble()} says what is wrong meanwhile, for health checks ({@link #all()}).
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    private final String name;
    private final List<String> topics;
    private static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);

    private final Consumer<ConsumerRecords<String, String>> onPoll;
    private final Runnable onCaughtUp;
    private final Duration pollTimeout;
    private final KafkaConsumer<String, String> consumer;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** End offsets of the partitions when following started: records before them are history. */
    private volatile Map<TopicPartition, Long> endAtStart;
    private volatile boolean historyInHand;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile String stoppedBecause;
    /** The last failure of the current run of failures (null once a hand-over succeeds). */
    private volatile String failure;
    private volatile java.time.Instant failingSince;
    /** Every follower of this process that has not been closed, for health checks. */
    private static final java.util.Set<TopicFollower> FOLLOWERS =
            java.util.Collections.synchronizedSet(java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    public TopicFollower(String bootstrapServers, String name, List<String> topics,
                         Consumer<ConsumerRecords<String, String>> onPoll) {
        this(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), name, topics, onPoll);
    }

    /**
     * @param consumerProperties the consumer's settings (bootstrap servers, security, …), as for
     *                           the constructor below; polls return up to 5,000 records unless they
     *                           say otherwise
     */
    public TopicFollower(Map<String, ?> consumerProperties, String name, List<String> topics,
                         Consumer<ConsumerRecords<String, String>> onPoll) {
        this(withDefault(consumerProperties, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                name, topics, DEFAULT_POLL_TIMEOUT, onPoll, () -> { });
    }

    private static Map<String, Object> withDefault(Map<String, ?> properties, String name, Object value) {
        Map<String, Object> out = new HashMap<>(properties);
        out.putIfAbsent(name, value);
        return out;
    }

    /**
     * @param consumerProperties the consumer's settings (bootstrap servers, security, …); a group id
     *                           among them is ignored, auto commit is off and the client id is
     *                           {@code name} with a unique suffix
     * @param onCaughtUp         runs on the follower's thread right after {@link #caughtUp()} turned true
     */
    public TopicFollower(Map<String, ?> consumerProperties, String name, List<String> topics, Duration pollTimeout,
                         Consumer<ConsumerRecords<String, String>> onPoll, Runnable onCaughtUp) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.pollTimeout = pollTimeout;
        this.onPoll = onPoll;
        this.onCaughtUp = onCaughtUp;
        Map<String, Object> config = new HashMap<>(consumerProperties);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // records of an aborted transaction (a crashed Kafka Streams task's output) are never state
        config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + Long.toHexString(System.nanoTime()));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::follow, name);
        this.thread.setDaemon(true);
        FOLLOWERS.add(this);
    }

    /** The followers of this process that have not been closed. */
    public static List<TopicFollower> all() {
        synchronized (FOLLOWERS) {
            return List.copyOf(FOLLOWERS);
        }
    }

    public String name() {
        return name;
    }

    /**
     * What is wrong, or null while following works: why it stopped, or the failure it keeps retrying
     * (a missing topic, a hand-over that throws) and since when.
     */
    public String trouble() {
        if (stoppedBecause != null) {
            return stoppedBecause;
        }
        String f = failure;
        java.time.Instant since = failingSince;
        return f == null ? null : f + " (failing since " + since + ")";
    }


    public TopicFollower start() {
        thread.start();
        return this;
    }

    /** Whether everything on the topics at start has been handed to {@code onPoll}. */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    /**
     * Whether {@code record} was on its topic when following started (history being replayed), as
     * opposed to written since. Exact per record, unlike {@link #caughtUp()}, which turns true only
     * after the poll that reached the end, a poll that may also hold newer records.
     */
    public boolean fromHistory(ConsumerRecord<?, ?> record) {
        Map<TopicPartition, Long> end = endAtStart;
        Long limit = end == null ? null : end.get(new TopicPartition(record.topic(), record.partition()));
        return limit == null || record.offset() < limit;
    }

    /**
     * Whether every record that was on the topics at start is in the poll being handed over or an
     * earlier one: from the poll that reached the end, one poll before {@link #caughtUp()}.
     */
    public boolean historyInHand() {
        return historyInHand;
    }

    /** Why following stopped for good (closed from outside while failing), or null while it runs. */
    public String stoppedBecause() {
        return stoppedBecause;
    }

    /** Waits until {@link #caughtUp()}; false when {@code timeout} passed first. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        running = false;
        FOLLOWERS.remove(this);
        consumer.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void follow() {
        List<TopicPartition> partitions = null;
        ConsumerRecords<String, String> pending = null;
        boolean pendingReachedEnd = false;
        int failures = 0;
        try {
            while (running) {
                try {
                    if (partitions == null) {
                        partitions = partitions();
                        if (partitions == null) {
                            failures++;
                            sleep(Backoff.millis(failures));
                            continue;
                        }
                        consumer.assign(partitions);
                        consumer.seekToBeginning(partitions);
                        endAtStart = Map.copyOf(consumer.endOffsets(partitions));
                    }
                    if (pending == null) {
                        pending = consumer.poll(pollTimeout);
                        pendingReachedEnd = !caughtUp() && endAtStart.entrySet().stream()
                                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                        if (pendingReachedEnd) {
                            historyInHand = true;
                        }
                    }
                    // a poll whose hand-over failed is handed over again, so no record is skipped
                    onPoll.accept(pending);
                    pending = null;
                    failures = 0;
                    failure = null;
                    failingSince = null;
                    if (pendingReachedEnd) {
                        pendingReachedEnd = false;
                        // only after the hand-over: whoever waits then sees every record that was on the topics at start
                        caughtUp.countDown();
                        onCaughtUp.run();
                    }
                } catch (WakeupException e) {
                    if (running) {
                        LOG.warn("{} woken up unexpectedly; following on", name);
                    }
                } catch (Throwable e) {
                    if (!running) {
                        break;
                    }
                    failures++;
                    failing(e.toString());
                    long wait = Backoff.millis(failures);
                    LOG.error("{} failed on {} (attempt {}), trying again in {} ms", name, topics, failures, wait, e);
                    sleep(wait);
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("{} could not close its consumer cleanly: {}", name, e.toString());
            }
            if (!closed) {
                stoppedBecause = "stopped" + (failure == null ? " (interrupted)" : ": " + failure);
            }
            FOLLOWERS.remove(this);
        }
    }

    /** Every partition of the topics; null (after saying which) while a topic does not exist yet. */
    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(60));
            if (found == null || found.isEmpty()) {
                failing("topic " + topic + " does not exist (yet)");
                LOG.warn("{}: {}; waiting for it", name, failure);
                return null;
            }
            found.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }

    /** Records {@code what} as the current failure, and when the run of failures began. */
    private void failing(String what) {
        failure = what;
        if (failingSince == null) {
            failingSince = java.time.Instant.now();
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
