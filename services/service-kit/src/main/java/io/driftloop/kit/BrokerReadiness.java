package io.driftloop.kit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the service's way to the Kafka cluster, answered at once from a {@link BrokerProbe}
 * that asks the cluster every 2 s with a 2 s timeout, using the service's own Kafka settings (so a
 * refused login shows here too): DOWN while the broker does not answer, with the failure and since
 * when. It replaces Quarkus' Kafka connection check, which waits on the broker during an outage.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

    static final Duration PERIOD = Duration.ofSeconds(2);
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final BrokerProbe probe;

    public BrokerReadiness(KafkaClients kafka) {
        this.probe = new BrokerProbe(kafka.admin(), PERIOD, TIMEOUT, Clock.systemUTC());
    }

    void start(@Observes StartupEvent ignored) {
        probe.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        probe.close();
    }

    @Override
    public HealthCheckResponse call() {
        BrokerProbe.Answer a = probe.answer();
        HealthCheckResponseBuilder r = HealthCheckResponse.named("kafka-broker").withData("asked-at", a.at().toString());
        if (a.reachable()) {
            return r.up().withData("brokers", a.brokers()).build();
        }
        r.down().withData("failure", a.failure());
        if (a.failingSince() != null) {
            r.withData("failing-since", a.failingSince().toString());
        }
        return r.build();
    }
}
