package io.driftloop.local;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Writes the demo's data as a CSV a benchmark can read: {@code rows} labelled requests of the world
 * after the drift (the rows the demo's retraining learns from), with the features, the sensitive
 * attribute as {@code sensitive} and the label as {@code label}.
 *
 * <pre>DemoCsv FILE [ROWS=4000] [SEED=7]</pre>
 */
public final class DemoCsv {

    private DemoCsv() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: DemoCsv FILE [ROWS] [SEED]");
        }
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        CreditRiskTraffic traffic = new CreditRiskTraffic(seed);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("age,income,debt_ratio,region,sensitive,label\n");
            for (int i = 0; i < rows; i++) {
                CreditRiskTraffic.Request r = traffic.next(true, now);
                Map<String, Object> f = r.inference().features();
                out.write(f.get("age") + "," + f.get("income") + "," + f.get("debt_ratio") + "," + f.get("region") + ","
                        + r.inference().attributes().get("ethnicity") + "," + r.feedback().label() + "\n");
            }
        }
        System.out.printf("wrote %d rows of the demo's post-drift world to %s%n", rows, file);
    }
}
