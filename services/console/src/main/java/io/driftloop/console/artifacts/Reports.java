package io.driftloop.console.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.artifacts.LocalArtifactStore;
import io.driftloop.contracts.events.ArtifactRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The evaluator's reports, read from the artifact store every service shares
 * ({@code driftloop.artifacts.dir}): by content address, checked against their SHA-256. The console
 * only reads.
 */
@ApplicationScoped
public class Reports {

    /** A report, or why it could not be read. */
    public record Read<T>(T report, String problem) {

        public boolean present() {
            return report != null;
        }
    }

    /** The formats of the evaluator's reports (EvaluationReport.JSON_FORMAT, HTML_FORMAT). */
    public static final String JSON = "driftloop-evaluation-report+json";
    public static final String HTML = "driftloop-evaluation-report+html";
    /** Reports are a few hundred KiB; nothing larger is read into a page. */
    static final long MAX_BYTES = 16L << 20;

    private final LocalArtifactStore store;

    public Reports(@ConfigProperty(name = "driftloop.artifacts.dir") Path dir) {
        this.store = new LocalArtifactStore(dir, MAX_BYTES);
    }

    /** The JSON report {@code ref} names; the problem when there is none or it cannot be read. */
    public Read<JsonNode> json(ArtifactRef ref) {
        Read<byte[]> bytes = bytes(ref, JSON);
        if (!bytes.present()) {
            return new Read<>(null, bytes.problem());
        }
        try {
            return new Read<>(Json.decode(bytes.report(), JsonNode.class), null);
        } catch (RuntimeException e) {
            return new Read<>(null, "the report " + ref.uri() + " is not JSON: " + e.getMessage());
        }
    }

    /** The HTML page of a report {@code ref} names; the problem when there is none or it cannot be read. */
    public Read<byte[]> html(ArtifactRef ref) {
        return bytes(ref, HTML);
    }

    /** The bytes of a report of {@code format}; the problem when there are none or they cannot be read. */
    private Read<byte[]> bytes(ArtifactRef ref, String format) {
        if (ref == null) {
            return new Read<>(null, "the evaluation stored no report (it was written before reports existed)");
        }
        if (!format.equals(ref.format())) {
            return new Read<>(null, "the artifact " + ref.uri() + " is a " + ref.format() + ", not a " + format);
        }
        try {
            return new Read<>(store.get(ref), null);
        } catch (RuntimeException e) {
            return new Read<>(null, e.getMessage() + " (artifact store " + store.root() + ")");
        }
    }
}
