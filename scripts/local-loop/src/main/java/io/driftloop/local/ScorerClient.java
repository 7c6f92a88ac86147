package io.driftloop.local;

import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.InferenceEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The simulator's production app: asks the scorer ({@code POST /predict}) for each request, a
 * bounded number in flight. While the scorer has no model (503), or cannot be reached, the request
 * is written to {@code ct.inference.v1} unscored, as an app without a model would: that is how the
 * bootstrap model gets its data. Counts answers per model version and when each version was first
 * seen.
 */
public final class ScorerClient implements AutoCloseable {

    private static final int IN_FLIGHT = 32;

    private final URI predict;
    private final KafkaProducer<String, String> producer;
    private final Consumer<String> out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Map<Integer, AtomicLong> byVersion = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> firstSeen = new ConcurrentHashMap<>();
    private final AtomicLong unscored = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    public ScorerClient(URI scorer, KafkaProducer<String, String> producer, Consumer<String> out) {
        this.predict = scorer.resolve("/predict");
        this.producer = producer;
        this.out = out;
    }

    /** Writes {@code event} to ct.inference.v1 as it is, unscored. */
    public void writeUnscored(InferenceEvent event) {
        unscored.incrementAndGet();
        producer.send(new ProducerRecord<>(Topics.INFERENCE, event.model(), Json.encode(event)));
    }

    /** Asks the scorer; falls back to {@link #writeUnscored} on 503 or when the scorer is unreachable. */
    public void predict(InferenceEvent event) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        String body = Json.encode(Map.of("model", event.model(), "requestId", event.requestId(),
                "features", event.features(), "attributes", event.attributes()));
        HttpRequest request = HttpRequest.newBuilder(predict).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                if (failure == null && response.statusCode() == 200) {
                    int version = ((Number) Json.decode(response.body(), Map.class).get("modelVersion")).intValue();
                    byVersion.computeIfAbsent(version, v -> new AtomicLong()).incrementAndGet();
                    if (firstSeen.putIfAbsent(version, Instant.now()) == null) {
                        out.accept("the scorer answers with v" + version);
                    }
                } else if (failure == null && response.statusCode() == 503) {
                    writeUnscored(event);
                } else {
                    if (errors.incrementAndGet() <= 3) {
                        out.accept("scorer error: " + (failure != null ? failure : response.statusCode() + " " + response.body()));
                    }
                    writeUnscored(event);
                }
            } finally {
                inFlight.release();
            }
        });
    }

    /** Answers per model version, in version order. */
    public Map<Integer, Long> predictionsByVersion() {
        Map<Integer, Long> m = new TreeMap<>();
        byVersion.forEach((v, n) -> m.put(v, n.get()));
        return m;
    }

    /** When the scorer first answered with {@code version}, if it has. */
    public Instant firstSeen(int version) {
        return firstSeen.get(version);
    }

    public long unscored() {
        return unscored.get();
    }

    /** Waits for the requests in flight. */
    @Override
    public void close() {
        try {
            if (inFlight.tryAcquire(IN_FLIGHT, 30, TimeUnit.SECONDS)) {
                inFlight.release(IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
