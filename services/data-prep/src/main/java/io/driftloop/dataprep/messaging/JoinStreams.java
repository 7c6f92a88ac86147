package io.driftloop.dataprep.messaging;

import io.driftloop.dataprep.config.DataPrepConfig;
import io.driftloop.follow.Backoff;
import io.driftloop.kit.Catalogs;
import io.driftloop.kit.Failures;
import io.driftloop.kit.Inbound;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.WallclockTimestampExtractor;
import org.jboss.logging.Logger;

/**
 * Hands the join's {@link JoinTopology} to Quarkus' Kafka Streams extension, which runs it with the
 * settings under {@code kafka-streams.*} (exactly once) and reports its state in health.
 */
@ApplicationScoped
public class JoinStreams {

    private static final Logger LOG = Logger.getLogger(JoinStreams.class);

    private final AtomicInteger failures = new AtomicInteger();

    @Produces
    Topology topology(DataPrepConfig config, Inbound inbound, Catalogs catalogs, MeterRegistry meters) {
        return JoinTopology.build(inbound, catalogs::requireSpec, config.joinTtl(), new WallclockTimestampExtractor(),
                meters);
    }

    /**
     * A stream thread that fails (the broker away longer than its clients wait, a failure no record
     * caused) is replaced after a backoff, and resumes from the last commit: the join never stops for
     * good, and its health says so meanwhile.
     */
    @Produces
    StreamsUncaughtExceptionHandler replaceFailedThreads() {
        return e -> {
            int attempt = failures.incrementAndGet();
            long wait = Backoff.millis(attempt);
            LOG.errorf(e, "join stream thread failed (%s, attempt %d); replacing it in %d ms",
                    Failures.classify(e).name().toLowerCase(java.util.Locale.ROOT), attempt, wait);
            Backoff.sleep(wait);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        };
    }

    /** Once the join runs again, the next failure backs off from the start. */
    @Produces
    KafkaStreams.StateListener resetBackoffWhenRunning() {
        return (now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                failures.set(0);
            }
        };
    }
}
