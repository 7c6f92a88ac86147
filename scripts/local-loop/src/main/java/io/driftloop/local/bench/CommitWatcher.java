package io.driftloop.local.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a consumer group's committed offsets on one topic with the admin client, every
 * {@code period} milliseconds, and remembers when they first moved above zero and when they first
 * reached the topic's end offsets (read once, at start: nothing is produced meanwhile). Thread-safe.
 */
public final class CommitWatcher implements AutoCloseable {

    /** When a committed total was first seen, in epoch milliseconds. */
    public record Mark(long atMs, long committed) {
    }

    private final Admin admin;
    private final String topic;
    private final String group;
    private final long end;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "commit-watcher");
        t.setDaemon(true);
        return t;
    });
    private volatile long committed;
    private volatile Mark firstMove;
    private volatile Mark done;
    private volatile RuntimeException failure;

    public CommitWatcher(String bootstrapServers, String topic, String group, long periodMs) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.topic = topic;
        this.group = group;
        this.end = endOffsets(admin, topic);
        poller.scheduleWithFixedDelay(this::poll, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    /** The sum of the topic's end offsets over its partitions. */
    public static long endOffsets(Admin admin, String topic) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void poll() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            long now = System.currentTimeMillis();
            long total = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
            committed = total;
            if (firstMove == null && total > 0) {
                firstMove = new Mark(now, total);
            }
            if (done == null && total >= end) {
                done = new Mark(now, total);
            }
        } catch (ExecutionException | TimeoutException e) {
            // the group may not exist yet; the next poll asks again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    public long end() {
        return end;
    }

    public long committed() {
        if (failure != null) {
            throw failure;
        }
        return committed;
    }

    /** The first poll that saw a committed total above zero, or null. */
    public Mark firstMove() {
        return firstMove;
    }

    /** The first poll that saw the committed total at the end offsets, or null. */
    public Mark done() {
        return done;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        admin.close();
    }
}
