package io.driftloop.dataprep.messaging;

import io.driftloop.kit.KafkaClients;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.events.DatasetSizing;
import io.driftloop.contracts.events.LabelledExample;
import io.driftloop.contracts.spec.DataSpec;
import io.driftloop.contracts.spec.DataStrategy;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.dataprep.domain.SizingRule;
import io.driftloop.contracts.events.OffsetRange;
import io.driftloop.dataprep.domain.ExampleIndex;
import io.driftloop.follow.TopicFollower;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

/**
 * Follows ct.examples.v1 from its beginning (group-less, rebuilt on every start) into the
 * {@link ExampleIndex}: model = record key, time = record timestamp, with each example's split key,
 * label and attributes for sizing. Waiters are woken on every batch.
 */
@ApplicationScoped
public class ExampleLog {

    private static final Logger LOG = Logger.getLogger(ExampleLog.class);
    static final long PROGRESS_EVERY_SECONDS = 5;
    /** The shortest time between two plans of a waiting request. */
    static final long REPLAN_MILLIS = 250;

    private final ExampleIndex index = new ExampleIndex(Topics.EXAMPLES);
    private final TopicFollower follower;

    public ExampleLog(KafkaClients kafka) {
        this.follower = new TopicFollower(kafka.consumer(), "example-log", List.of(Topics.EXAMPLES), this::add);
    }

    void start(@Observes StartupEvent ignored) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.close();
    }

    /** A dataset's offset ranges, how they were sized, and the strategy that chose them. */
    public record Cut(List<OffsetRange> ranges, DatasetSizing sizing, DataStrategy strategy) {
    }

    /**
     * Waits until the examples of {@code model} the spec's data strategy draws on meet every
     * requirement of the {@link SizingRule} for {@code spec} (and {@code min}), and cuts them; at the
     * spec's {@code training.dataDeadline} cuts what there is if it reaches {@code min}; gives up
     * (empty) after {@code timeout} when even {@code min} was not reached. Reports progress every
     * {@value #PROGRESS_EVERY_SECONDS} s while waiting. Sizing counts the examples since {@code since}
     * (post-drift, mixed) or the newest ones (sliding-window); a mixed cut then adds the newest
     * examples before {@code since} that are not test rows, up to the spec's {@code preDriftShare}; a
     * recency-weighted cut takes every example since {@code from} (the champion's promotion; null: every
     * example), up to {@code training.maxExamples} but never fewer than sizing asked for.
     */
    public Optional<Cut> awaitCut(String model, Instant since, Instant from, ModelSpec spec, int min,
                                  Duration timeout, Consumer<String> progress) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + spec.training().dataDeadline().toNanos();
        long giveUp = start + Math.max(timeout.toNanos(), spec.training().dataDeadline().toNanos());
        long nextProgress = start;
        DataSpec data = spec.training().data();
        Instant sizedSince = data.strategy() == DataStrategy.SLIDING_WINDOW ? null : since;
        int cap = data.strategy() == DataStrategy.SLIDING_WINDOW ? data.windowSize() : spec.training().maxExamples();
        double val = spec.training().validationFraction();
        double test = spec.training().testFraction();
        // enough to estimate what is missing, without walking an unbounded history on every batch
        int limit = (int) Math.min(Integer.MAX_VALUE, 20L * Math.max(min, cap));
        synchronized (index) {
            while (true) {
                long now = System.nanoTime();
                List<SizingRule.Example> pool = index.newestFirst(model, sizedSince, val, test, limit);
                SizingRule.Plan plan = SizingRule.plan(spec, min, pool, (now - start) / 1_000_000, cap);
                if (plan.sufficient() || (now >= deadline && pool.size() >= min)) {
                    return Optional.of(new Cut(index.ranges(model, data, sizedSince, from, plan.take(), pool.size(),
                                    cap, val, test),
                            plan.sizing(), data.strategy()));
                }
                if (now >= giveUp) {
                    return Optional.empty();
                }
                if (now >= nextProgress) {
                    progress.accept("waiting: " + plan.progress() + (pool.size() >= min
                            ? "; cutting what there is in " + Math.max(0, (deadline - now) / 1_000_000_000) + " s"
                            : ""));
                    nextProgress = now + PROGRESS_EVERY_SECONDS * 1_000_000_000L;
                }
                long wake = Math.min(Math.min(nextProgress, now >= deadline ? giveUp : deadline), giveUp);
                // plan again once examples arrive or the wake time comes, but not more often than every
                // REPLAN_MILLIS: a plan walks the whole pool, and examples arrive in many small batches
                long replan = now + REPLAN_MILLIS * 1_000_000L;
                for (long t = System.nanoTime(); t < replan && t < wake; t = System.nanoTime()) {
                    index.wait(Math.max(1, (Math.min(replan, wake) - t) / 1_000_000));
                }
                long t = System.nanoTime();
                if (t < wake) {
                    index.wait(Math.max(1, (wake - t) / 1_000_000));
                }
            }
        }
    }

    public int count(String model, Instant since) {
        synchronized (index) {
            return index.count(model, since);
        }
    }

    private void add(ConsumerRecords<String, String> records) {
        if (records.isEmpty()) {
            return;
        }
        // decoded before the lock: waiting requests plan under it
        List<ConsumerRecord<String, String>> valid = new java.util.ArrayList<>(records.count());
        List<LabelledExample> decoded = new java.util.ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            if (r.key() == null || r.value() == null) {
                continue;
            }
            try {
                decoded.add(Json.decode(r.value(), LabelledExample.class).validate());
                valid.add(r);
            } catch (RuntimeException invalid) {
                LOG.debugf("not indexing an invalid example at %s-%d@%d: %s", r.topic(), r.partition(), r.offset(),
                        invalid.getMessage());
            }
        }
        synchronized (index) {
            for (int i = 0; i < valid.size(); i++) {
                ConsumerRecord<String, String> r = valid.get(i);
                LabelledExample e = decoded.get(i);
                index.add(r.key(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                        Split.unit(e.requestId()), e.label(), e.attributes());
            }
            index.notifyAll();
        }
    }
}
