package io.driftloop.driftdetector.config;

import io.driftloop.driftdetector.domain.DriftMonitor;
import io.driftloop.driftdetector.domain.DriftTests;
import io.driftloop.driftdetector.domain.RetrainPolicy;
import io.driftloop.driftdetector.domain.WindowEvaluator;
import io.driftloop.driftdetector.domain.concept.ConceptDriftMonitor;
import io.driftloop.driftdetector.domain.concept.ConceptDriftPolicy;
import io.driftloop.driftdetector.domain.concept.DetectorKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the pure core with the system clock and the configured sketch size and concept-drift detector. */
@ApplicationScoped
public class MonitorProducer {

    @Produces
    @Singleton
    DriftMonitor driftMonitor(DriftDetectorConfig config) {
        Clock clock = Clock.systemUTC();
        return new DriftMonitor(new WindowEvaluator(new DriftTests()), new RetrainPolicy(clock), clock,
                config.sketchK(), new ConceptDriftMonitor(ConceptDriftPolicy.of(DetectorKind.of(config.conceptDetector()))));
    }
}
