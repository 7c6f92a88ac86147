package io.driftloop.driftdetector.config;

import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.driftdetector.domain.DriftTests;
import io.driftloop.driftdetector.domain.RetrainPolicy;
import io.driftloop.driftdetector.domain.WindowEvaluator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the pure core with the system clock and the configured seed. */
@ApplicationScoped
public class MonitorProducer {

    @Produces
    @Singleton
    DriftMonitor driftMonitor(DriftDetectorConfig config) {
        Clock clock = Clock.systemUTC();
        return new DriftMonitor(new WindowEvaluator(new DriftTests(config.seed())), new RetrainPolicy(clock), clock);
    }
}
