package io.driftloop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftloop.infra.kafka.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The broker probe behind readiness against a real broker that goes away and comes back. */
class BrokerProbeIT {

    @Test
    void tellsWithinSecondsThatTheBrokerIsAwayAndThatItIsBack() {
        try (KafkaBroker broker = KafkaBroker.start();
             BrokerProbe probe = new BrokerProbe(Map.of("bootstrap.servers", broker.bootstrapServers()),
                     Duration.ofMillis(500), Duration.ofSeconds(1), Clock.systemUTC()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.answer().reachable());
            assertThat(probe.answer().brokers()).isEqualTo(1);

            CompletableFuture<Void> outage = CompletableFuture.runAsync(() -> broker.outage(Duration.ofSeconds(10)));
            long asked = System.nanoTime();
            await().atMost(Duration.ofSeconds(8)).until(() -> !probe.answer().reachable());
            long seenAfterMs = (System.nanoTime() - asked) / 1_000_000;
            BrokerProbe.Answer away = probe.answer();
            assertThat(away.failure()).isNotBlank();
            assertThat(away.failingSince()).isNotNull();
            System.out.println("broker away seen after " + seenAfterMs + " ms: " + away.failure());

            outage.join();
            await().atMost(Duration.ofSeconds(30)).until(() -> probe.answer().reachable());
            assertThat(probe.answer().failingSince()).isNull();
        }
    }

    @Test
    void aProbeThatStoppedAnsweringCountsAsNoAnswer() {
        Instant start = Instant.parse("2026-12-04T12:00:00Z");
        MutableClock clock = new MutableClock(start);
        try (BrokerProbe probe = new BrokerProbe(Map.of("bootstrap.servers", "localhost:1"), Duration.ofSeconds(2),
                Duration.ofSeconds(2), clock)) {
            assertThat(probe.answer().reachable()).isFalse();
            assertThat(probe.answer().failure()).isEqualTo("not asked yet");
            clock.now = start.plusSeconds(9);
            assertThat(probe.answer().failure()).startsWith("the broker probe has not answered since");
        }
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
