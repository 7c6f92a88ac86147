package io.driftloop.console.messaging;

import io.driftloop.console.config.ConsoleConfig;
import io.driftloop.console.domain.LagRules;
import io.driftloop.console.domain.LagStatus;
import io.driftloop.console.domain.OffsetSample;
import io.driftloop.console.domain.PartitionTrack;
import io.driftloop.console.domain.Rhythm;
import io.driftloop.console.domain.Verdict;
import io.driftloop.kit.KafkaClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Watches every consumer group of the cluster with the admin client: each
 * {@code driftloop.console.sample-interval} it reads the groups, their members, their committed
 * offsets and the partitions' log-end offsets (read-committed: a transaction's marker is not lag),
 * keeps a {@link PartitionTrack} per group and partition, and judges them by {@link LagRules} with
 * the group's {@link Rhythm}. The latest judgement is {@link #groups()}, also published as metrics:
 * {@code driftloop_console_group_lag{group}}, {@code driftloop_console_group_status{group,status}}
 * (1 for the group's status, 0 for the others) and {@code driftloop_console_dead_letters{topic}}.
 * Reads only.
 */
@ApplicationScoped
public class LagMonitor {

    private static final Logger LOG = Logger.getLogger(LagMonitor.class);

    /** One partition of a group as last judged. */
    public record PartitionLag(String topic, int partition, long committed, long end, long lag, double rate,
                               Verdict verdict) {
    }

    /** A group as last judged: its state and members, its worst partition's verdict, totals. */
    public record GroupLag(String group, String state, int members, Verdict verdict, long lag, double rate,
                           List<PartitionLag> partitions) {
    }

    /** The latest sample of the cluster: the groups, the dead-letter topics' record counts, when, and any failure. */
    public record Snapshot(Instant at, List<GroupLag> groups, Map<String, Long> deadLetters, String failure) {
    }

    private final Admin admin;
    private final ConsoleConfig config;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Map<TopicPartition, PartitionTrack>> tracks = new HashMap<>();
    private final Map<String, Map<LagStatus, Integer>> statusGauges = new ConcurrentHashMap<>();
    private final Map<String, Long> lagGauges = new ConcurrentHashMap<>();
    private final Map<String, Long> deadLetterGauges = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lag-monitor");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot snapshot = new Snapshot(null, List.of(), Map.of(), "not sampled yet");

    public LagMonitor(KafkaClients kafka, ConsoleConfig config, MeterRegistry meters) {
        this.admin = Admin.create(kafka.admin());
        this.config = config;
        this.meters = meters;
        this.clock = Clock.systemUTC();
    }

    void start(@Observes StartupEvent ignored) {
        long every = config.sampleInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sampleQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ignored) {
        timer.shutdownNow();
        admin.close();
    }

    /** The latest judgement of every group and dead-letter topic. */
    public Snapshot snapshot() {
        return snapshot;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.warnf("cannot read the consumer groups' offsets: %s", cause.toString());
            Snapshot last = snapshot;
            snapshot = new Snapshot(last.at(), last.groups(), last.deadLetters(), cause.toString());
        }
    }

    /** Reads the cluster once and judges every group; synchronized with itself. */
    synchronized Snapshot sample() throws Exception {
        Collection<ConsumerGroupListing> listings = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS);
        List<String> ids = listings.stream().map(ConsumerGroupListing::groupId).sorted().toList();
        Map<String, ConsumerGroupDescription> descriptions = ids.isEmpty() ? Map.of()
                : admin.describeConsumerGroups(ids).all().get(10, TimeUnit.SECONDS);
        // every group's committed offsets in one request
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        ids.forEach(id -> specs.put(id, new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> all = ids.isEmpty() ? Map.of()
                : admin.listConsumerGroupOffsets(specs).all().get(10, TimeUnit.SECONDS);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
        for (String id : ids) {
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            all.getOrDefault(id, Map.of()).forEach((tp, o) -> {
                if (o != null) {
                    present.put(tp, o);
                }
            });
            committed.put(id, present);
        }
        Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
        committed.values().forEach(m -> m.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest())));
        List<String> dlqs = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.endsWith(".dlq")).sorted().toList();
        Map<TopicPartition, OffsetSpec> dlqEarliest = new HashMap<>();
        if (!dlqs.isEmpty()) {
            admin.describeTopics(dlqs).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> {
                        wanted.put(new TopicPartition(name, p.partition()), OffsetSpec.latest());
                        dlqEarliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest());
                    }));
        }
        ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = wanted.isEmpty() ? Map.of()
                : admin.listOffsets(wanted, committedOnly).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = dlqEarliest.isEmpty() ? Map.of()
                : admin.listOffsets(dlqEarliest, committedOnly).all().get(10, TimeUnit.SECONDS);

        Instant now = clock.instant();
        List<GroupLag> groups = new ArrayList<>();
        for (String id : ids) {
            ConsumerGroupDescription d = descriptions.get(id);
            int members = d == null ? 0 : d.members().size();
            Map<TopicPartition, PartitionTrack> byPartition = tracks.computeIfAbsent(id, g -> new HashMap<>());
            byPartition.keySet().retainAll(committed.get(id).keySet());
            Rhythm rhythm = rhythm(id);
            Map<String, Verdict> verdicts = new HashMap<>();
            List<PartitionLag> partitions = new ArrayList<>();
            long lag = 0;
            double rate = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committedOrder(committed.get(id)).entrySet()) {
                TopicPartition tp = e.getKey();
                ListOffsetsResult.ListOffsetsResultInfo end = ends.get(tp);
                if (end == null) {
                    continue;
                }
                PartitionTrack track = byPartition.computeIfAbsent(tp, p -> new PartitionTrack(config.window()));
                OffsetSample s = new OffsetSample(now, e.getValue().offset(), Math.max(0, end.offset()));
                track.observe(s);
                Verdict v = LagRules.evaluate(track, members > 0, now, rhythm);
                verdicts.put(tp.toString(), v);
                partitions.add(new PartitionLag(tp.topic(), tp.partition(), s.committed(), s.end(), s.lag(), track.rate(), v));
                lag += s.lag();
                rate += track.rate();
            }
            Verdict group = LagRules.worst(verdicts);
            groups.add(new GroupLag(id, d == null ? "UNKNOWN" : d.groupState().toString(), members, group, lag, rate,
                    partitions));
            publish(id, group.status(), lag);
        }
        tracks.keySet().retainAll(ids);
        Map<String, Long> deadLetters = new TreeMap<>();
        for (String dlq : dlqs) {
            long count = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : starts.entrySet()) {
                if (e.getKey().topic().equals(dlq) && ends.containsKey(e.getKey())) {
                    count += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                }
            }
            deadLetters.put(dlq, count);
            if (deadLetterGauges.put(dlq, count) == null) {
                Gauge.builder("driftloop.console.dead.letters", deadLetterGauges, m -> m.getOrDefault(dlq, 0L))
                        .tag("topic", dlq).description("records on the dead-letter topic").register(meters);
            }
        }
        snapshot = new Snapshot(now, List.copyOf(groups), Collections.unmodifiableMap(deadLetters), null);
        return snapshot;
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOrder(Map<TopicPartition, OffsetAndMetadata> m) {
        Map<TopicPartition, OffsetAndMetadata> ordered = new TreeMap<>(
                Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        ordered.putAll(m);
        return ordered;
    }

    private Rhythm rhythm(String group) {
        ConsoleConfig.Rhythm r = config.rhythm().get(group);
        return r == null ? Rhythm.DEFAULT : new Rhythm(r.mayHold(), r.why());
    }

    private void publish(String group, LagStatus status, long lag) {
        Map<LagStatus, Integer> states = statusGauges.computeIfAbsent(group, g -> {
            Map<LagStatus, Integer> m = new ConcurrentHashMap<>();
            for (LagStatus s : LagStatus.values()) {
                m.put(s, 0);
                Gauge.builder("driftloop.console.group.status", m, x -> x.getOrDefault(s, 0))
                        .tags("group", g, "status", s.name()).description("1 for the group's lag status, 0 for the others")
                        .register(meters);
            }
            return m;
        });
        for (LagStatus s : LagStatus.values()) {
            states.put(s, s == status ? 1 : 0);
        }
        if (lagGauges.put(group, lag) == null) {
            Gauge.builder("driftloop.console.group.lag", lagGauges, m -> m.getOrDefault(group, 0L))
                    .tag("group", group).description("records the group has not committed, over its partitions")
                    .register(meters);
        }
    }
}
