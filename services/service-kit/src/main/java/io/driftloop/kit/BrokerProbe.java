package io.driftloop.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Asks the cluster for its brokers every {@code period} on a thread of its own, each time with a
 * short timeout, and keeps the last answer, so a health check tells at once whether the broker
 * answers: no health request waits on a broker that is away, and an answer older than three
 * periods (the probe itself stuck) counts as none.
 */
public final class BrokerProbe implements AutoCloseable {

    /** The last answer: brokers seen (0 when none answered), when, and the failure if any. */
    public record Answer(int brokers, Instant at, String failure, Instant failingSince) {

        public boolean reachable() {
            return failure == null && brokers > 0;
        }
    }

    private final Admin admin;
    private final Object servers;
    private final Duration period;
    private final Duration timeout;
    private final Clock clock;
    private final Thread thread;
    private volatile Answer last;
    private volatile boolean running = true;

    /** @param connection the admin client's settings (bootstrap servers, security) */
    public BrokerProbe(Map<String, Object> connection, Duration period, Duration timeout, Clock clock) {
        Map<String, Object> config = new HashMap<>(connection);
        int ms = (int) timeout.toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) ms);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) ms);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, (long) Math.min(ms, 1000));
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "broker-probe");
        this.admin = Admin.create(config);
        this.servers = config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        this.period = period;
        this.timeout = timeout;
        this.clock = clock;
        this.last = new Answer(0, clock.instant(), "not asked yet", clock.instant());
        this.thread = new Thread(this::run, "broker-probe");
        this.thread.setDaemon(true);
    }

    public BrokerProbe start() {
        thread.start();
        return this;
    }

    /** The last answer, or a failure when the probe has not answered for three periods. */
    public Answer answer() {
        Answer a = last;
        Instant now = clock.instant();
        if (a.at().plus(period.multipliedBy(3)).plus(timeout).isBefore(now)) {
            return new Answer(0, a.at(), "the broker probe has not answered since " + a.at(),
                    a.failingSince() == null ? a.at() : a.failingSince());
        }
        return a;
    }

    /** Asks once and records the answer. */
    Answer ask() {
        Instant at = clock.instant();
        Answer before = last;
        try {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            last = new Answer(brokers, at, brokers == 0 ? "the cluster named no broker" : null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String failure = cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no answer from " + servers + " within " + timeout.toMillis() + " ms"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            last = new Answer(0, at, failure,
                    before.reachable() ? at : before.failingSince());
        }
        return last;
    }

    private void run() {
        while (running) {
            ask();
            try {
                TimeUnit.MILLISECONDS.sleep(period.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        admin.close(Duration.ofSeconds(2));
    }
}
