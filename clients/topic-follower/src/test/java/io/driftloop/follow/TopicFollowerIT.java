package io.driftloop.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftloop.contracts.Topics;
import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.infra.kafka.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopicFollowerIT {

    static KafkaCluster kafka;

    @BeforeAll
    static void start() {
        kafka = KafkaCluster.startForTests();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void everyRecordOnTheTopicsAtStartIsHandedOverBeforeCaughtUpAndLaterOnesFollow() {
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            for (int i = 0; i < 600; i++) {
                probe.send(Topics.DRIFT_STATS, "m" + (i % 7), "r" + i);
            }
            probe.send(Topics.TRAINING_PROGRESS, "m", "last-before-start");
            List<String> seen = new CopyOnWriteArrayList<>();
            List<String> live = new CopyOnWriteArrayList<>();
            TopicFollower[] self = new TopicFollower[1];
            try (TopicFollower follower = new TopicFollower(kafka.bootstrapServers(), "test-follower",
                    List.of(Topics.DRIFT_STATS, Topics.TRAINING_PROGRESS), rs -> rs.forEach(r -> {
                        seen.add(r.value());
                        if (!self[0].fromHistory(r)) {
                            live.add(r.value());
                        }
                    }))) {
                self[0] = follower.start();
                assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
                assertThat(seen).hasSize(601).contains("r0", "r599", "last-before-start");
                assertThat(live).as("every record there at start is history").isEmpty();

                probe.send(Topics.DRIFT_STATS, "m", "after-start");
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("after-start"));
                assertThat(live).containsExactly("after-start");
            }
        }
    }

    @Test
    void aHandOverThatThrowsIsRetriedWithTheSameRecordsAndTheTroubleShowsMeanwhile() {
        String topic = "ct.test.follower-failing";
        try (TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            for (int i = 0; i < 50; i++) {
                probe.send(topic, "k", "r" + i);
            }
            List<String> seen = new CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger(3);
            java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
            try (TopicFollower follower = new TopicFollower(kafka.bootstrapServers(), "failing-follower", List.of(topic),
                    rs -> {
                        List<String> batch = new java.util.ArrayList<>();
                        rs.forEach(r -> batch.add(r.value()));
                        if (!batch.isEmpty() && (failuresLeft.getAndDecrement() > 0 || !released.get())) {
                            // an Error, not only an exception: the follower must survive it too
                            throw new OutOfMemoryError("simulated while handing over " + batch.size() + " records");
                        }
                        seen.addAll(batch);
                    }).start()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> follower.trouble() != null);
                assertThat(follower.trouble()).contains("OutOfMemoryError").contains("failing since");
                assertThat(TopicFollower.all()).contains(follower);
                assertThat(seen).isEmpty();

                released.set(true);
                assertThat(follower.awaitCaughtUp(Duration.ofSeconds(60))).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> follower.trouble() == null);
                List<String> expected = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "r" + i).toList();
                assertThat(seen).as("every record once, in order, none skipped").containsExactlyElementsOf(expected);
                assertThat(follower.stoppedBecause()).isNull();
            }
        }
    }

    @Test
    void aTopicThatDoesNotExistYetIsWaitedFor() throws Exception {
        String topic = "ct.test.follower-late";
        List<String> seen = new CopyOnWriteArrayList<>();
        try (TopicFollower follower = new TopicFollower(java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                "allow.auto.create.topics", false), "late-follower", List.of(topic), Duration.ofMillis(200),
                rs -> rs.forEach(r -> seen.add(r.value())), () -> { }).start();
             org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of(
                     "bootstrap.servers", kafka.bootstrapServers()));
             TopicProbe probe = new TopicProbe(kafka.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> follower.trouble() != null);
            assertThat(follower.trouble()).contains("topic " + topic + " does not exist");

            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1))).all().get();
            probe.send(topic, "k", "first");
            await().atMost(Duration.ofSeconds(90)).until(() -> seen.contains("first"));
            assertThat(follower.trouble()).isNull();
        }
    }
}
