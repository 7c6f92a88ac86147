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
}
