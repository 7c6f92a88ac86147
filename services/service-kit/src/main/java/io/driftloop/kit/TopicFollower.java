package io.driftloop.kit;

import java.time.Duration;
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
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads topics from their beginning and keeps following them, with a group-less consumer on a
 * thread of its own: the way a service rebuilds in-memory state from Kafka on every start and
 * keeps it current, committing nothing. {@code onPoll} sees every poll's records (also an empty
 * poll, so it can act on time passing) on the follower's thread; {@link #awaitCaughtUp} tells when
 * everything that was on the topics at start has been handed over.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    private final String name;
    private final List<String> topics;
    private final Consumer<ConsumerRecords<String, String>> onPoll;
    private final KafkaConsumer<String, String> consumer;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** End offsets of the partitions when following started: records before them are history. */
    private volatile Map<TopicPartition, Long> endAtStart;
    private volatile boolean historyInHand;
    private final Thread thread;
    private volatile boolean running = true;

    public TopicFollower(String bootstrapServers, String name, List<String> topics,
                         Consumer<ConsumerRecords<String, String>> onPoll) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.onPoll = onPoll;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.CLIENT_ID_CONFIG, name + "-" + Long.toHexString(System.nanoTime())),
                new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::follow, name);
        this.thread.setDaemon(true);
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
        running = false;
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
        try {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(60)).stream()
                            .map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            endAtStart = Map.copyOf(end);
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                boolean reachedEnd = !caughtUp()
                        && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                if (reachedEnd) {
                    historyInHand = true;
                }
                onPoll.accept(records);
                if (reachedEnd) {
                    // only after the hand-over: whoever waits then sees every record that was on the topics at start
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "%s woken up unexpectedly", name);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped following %s", name, topics);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
