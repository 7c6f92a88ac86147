package io.driftloop.local;

import io.driftloop.infra.kafka.KafkaSettings;
import io.driftloop.contracts.Json;
import io.driftloop.contracts.Topics;
import io.driftloop.contracts.events.DatasetReady;
import io.driftloop.contracts.events.FeedbackEvent;
import io.driftloop.contracts.events.GateResult;
import io.driftloop.contracts.events.InferenceEvent;
import io.driftloop.contracts.events.ModelEvaluated;
import io.driftloop.contracts.events.RetrainRequested;
import io.driftloop.contracts.events.RetrainTrigger;
import io.driftloop.contracts.spec.ModelSpecs;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code scripts/replay-csv}: drives the loop from a CSV file of your own, through the external
 * contract only. It registers a spec inferred from the file, then replays the rows in order of the
 * {@code --shift-by} column (the first part, before {@code --shift-at}, is the world before the
 * shift; each part shuffled): inference events (written unscored until v1 is promoted, then through the
 * scorer's {@code POST /predict}) and their feedback a little later. Each row is sent at most once, so
 * no row can land in two splits. It ends when the scorer serves v2, or some minutes after the last row,
 * with a summary: time to adapt, attempts, the datasets and their sizing, the verdicts.
 */
public final class ReplayCsv {

    /** What to replay and how; see {@link #USAGE}. */
    record Options(Path file, String label, String attribute, String shiftBy, double shiftAt, Set<String> exclude,
                   Double groupShare, int rate, double feedbackDelay, String model, long seed, Duration timeout,
                   Duration waitAfter, int window, int minGroupSize, String strategy) {
    }

    static final String USAGE = """
            usage: scripts/replay-csv FILE --label COL --attribute COL [options]
              --label COL          the 0/1 label column (1 = favourable)
              --attribute COL      the sensitive attribute column: an attribute, never a model input
              --shift-by COL       replay in the order of this column; the part before --shift-at is the world
                                   before the shift (default: no order, no shift)
              --shift-at F         share of rows before the shift (default 0.5)
              --exclude A,B        columns that are neither features nor attributes (e.g. a raw copy of the
                                   sensitive attribute)
              --group-share F      subsample the attribute's smallest group to this share of the rows
              --rate N             rows per second (default 200)
              --feedback-delay S   seconds between a request and its label (default 2)
              --model NAME         model name (default: the file's name)
              --window N           drift window in events (default 200)
              --min-group-size N   gates.minGroupSize (default 20)
              --strategy S         training.data.strategy: post-drift (default), mixed (half the dataset from
                                   before the drift point), sliding-window or recency-weighted
              --seed S             shuffling and subsampling seed (default 1)
              --timeout MIN        give up after this many minutes (default 20)
              --wait-after MIN     after the last row, wait this long for v2 to be served (default 4)
            starts the embedded broker and the services like scripts/run-local, then replays the file""";

    /** The rows to send, in order, and where the shift falls. */
    record Plan(String spec, List<Map<String, String>> before, List<Map<String, String>> after, List<String> features,
                String smallestGroup, double smallestShare, int dropped) {
    }

    private final Options options;
    private final Consumer<String> out;

    ReplayCsv(Options options, Consumer<String> out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        List<String> a = List.of(args);
        if (a.isEmpty() || a.contains("--help") || a.contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Options options;
        Plan plan;
        try {
            options = parse(a);
            plan = plan(options, CsvTable.read(options.file()));
        } catch (IllegalArgumentException e) {
            System.err.println("replay-csv: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        } catch (java.io.UncheckedIOException e) {
            System.err.println("replay-csv: " + e.getMessage() + " (" + e.getCause() + ")");
            System.exit(2);
            return;
        }
        ReplayCsv replay = new ReplayCsv(options, RunLocal::say);
        replay.describe(plan);
        try (RunLocal.LocalSystem system = RunLocal.LocalSystem.start(RunLocal::say)) {
            System.out.print(replay.run(plan, system.kafka().admin(), URI.create("http://localhost:8080"),
                    URI.create("http://localhost:8085")));
        }
    }

    static Options parse(List<String> a) {
        Map<String, String> flags = new LinkedHashMap<>();
        Path file = null;
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            if (arg.startsWith("--")) {
                if (i + 1 >= a.size()) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                flags.put(arg.substring(2), a.get(++i));
            } else if (file == null) {
                file = Path.of(System.getProperty("driftloop.cwd", ".")).resolve(arg);
            } else {
                throw new IllegalArgumentException("one file only, got " + file + " and " + arg);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("name the CSV file");
        }
        Set<String> known = Set.of("label", "attribute", "shift-by", "shift-at", "exclude", "group-share", "rate",
                "feedback-delay", "model", "window", "min-group-size", "seed", "timeout", "wait-after", "strategy");
        for (String k : flags.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown option --" + k);
            }
        }
        String label = flags.get("label");
        String attribute = flags.get("attribute");
        if (label == null || attribute == null) {
            throw new IllegalArgumentException("--label and --attribute are required");
        }
        String name = flags.getOrDefault("model", file.getFileName().toString().replaceAll("\\.[^.]*$", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-"));
        Set<String> exclude = flags.containsKey("exclude")
                ? new TreeSet<>(Arrays.asList(flags.get("exclude").split(","))) : Set.of();
        return new Options(file, label, attribute, flags.get("shift-by"),
                Double.parseDouble(flags.getOrDefault("shift-at", "0.5")), exclude,
                flags.containsKey("group-share") ? Double.valueOf(flags.get("group-share")) : null,
                Integer.parseInt(flags.getOrDefault("rate", "200")),
                Double.parseDouble(flags.getOrDefault("feedback-delay", "2")), name,
                Long.parseLong(flags.getOrDefault("seed", "1")),
                Duration.ofMinutes(Long.parseLong(flags.getOrDefault("timeout", "20"))),
                Duration.ofMinutes(Long.parseLong(flags.getOrDefault("wait-after", "4"))),
                Integer.parseInt(flags.getOrDefault("window", "200")),
                Integer.parseInt(flags.getOrDefault("min-group-size", "20")),
                flags.getOrDefault("strategy", "post-drift"));
    }

    /**
     * The spec and the ordered rows: features are every column but the label, the attribute and the
     * excluded ones (numeric when every cell is a number); rows with an empty cell in a used column
     * are dropped; the smallest group is subsampled to {@code --group-share} when asked.
     */
    static Plan plan(Options o, CsvTable table) {
        int labelAt = table.index(o.label());
        int attributeAt = table.index(o.attribute());
        if (o.shiftBy() != null) {
            table.index(o.shiftBy());
        }
        o.exclude().forEach(table::index);
        List<String> features = table.columns().stream()
                .filter(c -> !c.equals(o.label()) && !c.equals(o.attribute()) && !o.exclude().contains(c)).toList();
        StringBuilder spec = new StringBuilder();
        spec.append("name: ").append(o.model()).append("\ntask: binary-classification\nlabel: ").append(o.label())
                .append("\nfeatures:\n");
        for (String f : features) {
            int at = table.index(f);
            if (table.numeric(at)) {
                spec.append("  - {name: ").append(Json.encode(f)).append(", type: numeric}\n");
            } else {
                Set<String> values = table.values(at);
                if (values.size() > CsvTable.MAX_CATEGORIES) {
                    throw new IllegalArgumentException("column '" + f + "' has " + values.size()
                            + " distinct values: exclude it (--exclude) or make it numeric");
                }
                spec.append("  - {name: ").append(Json.encode(f)).append(", type: categorical, values: ")
                        .append(Json.encode(values)).append("}\n");
            }
        }
        for (String v : table.values(labelAt)) {
            if (!v.equals("0") && !v.equals("1")) {
                throw new IllegalArgumentException("label column '" + o.label() + "' holds '" + v + "': expected 0 or 1");
            }
        }
        List<Map<String, String>> rows = new ArrayList<>();
        int dropped = 0;
        List<Integer> used = new ArrayList<>();
        features.forEach(f -> used.add(table.index(f)));
        used.add(labelAt);
        used.add(attributeAt);
        for (int i = 0; i < table.rows().size(); i++) {
            List<String> r = table.rows().get(i);
            if (used.stream().anyMatch(c -> r.get(c).isEmpty())) {
                dropped++;
            } else {
                rows.add(table.row(i));
            }
        }
        SplittableRandom random = new SplittableRandom(o.seed());
        Map<String, Long> groups = rows.stream().collect(Collectors.groupingBy(r -> r.get(o.attribute()),
                Collectors.counting()));
        String smallest = groups.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalArgumentException("no complete rows in " + o.file()));
        if (o.groupShare() != null) {
            long small = groups.get(smallest);
            long rest = rows.size() - small;
            double target = o.groupShare() * rest / (1 - o.groupShare());
            if (target < small) {
                double keep = target / small;
                rows.removeIf(r -> r.get(o.attribute()).equals(smallest) && random.nextDouble() >= keep);
            }
        }
        double share = rows.stream().filter(r -> r.get(o.attribute()).equals(smallest)).count() / (double) rows.size();
        List<Map<String, String>> before;
        List<Map<String, String>> after;
        if (o.shiftBy() == null) {
            before = shuffled(rows, random);
            after = List.of();
        } else {
            boolean numeric = table.numeric(table.index(o.shiftBy()));
            Comparator<Map<String, String>> order = numeric
                    ? Comparator.comparingDouble(r -> Double.parseDouble(r.get(o.shiftBy())))
                    : Comparator.comparing(r -> r.get(o.shiftBy()));
            List<Map<String, String>> sorted = new ArrayList<>(rows);
            sorted.sort(order);
            int cut = (int) Math.round(sorted.size() * o.shiftAt());
            before = shuffled(sorted.subList(0, cut), random);
            after = shuffled(sorted.subList(cut, sorted.size()), random);
        }
        int bootstrap = Math.max(100, Math.min(1000, (int) (before.size() * 0.6)));
        int retrain = Math.max(100, Math.min(500, after.size() / 3));
        spec.append("attributes:\n  - {name: ").append(Json.encode(o.attribute())).append(", sensitive: true}\n")
                .append("drift: {windowSize: ").append(o.window()).append(", cooldown: PT2M, bootstrapExamples: ")
                .append(bootstrap).append(", retrainExamples: ").append(retrain).append("}\n")
                .append("training: {maxExamples: 5000, dataDeadline: PT1M, data: {strategy: ").append(o.strategy())
                .append("}}\n")
                .append("gates: {minGroupSize: ").append(o.minGroupSize()).append("}\n")
                .append("promotion: auto\n");
        ModelSpecs.parse(spec.toString());
        return new Plan(spec.toString(), before, after, features, smallest, share, dropped);
    }

    private static List<Map<String, String>> shuffled(List<Map<String, String>> rows, SplittableRandom random) {
        List<Map<String, String>> out = new ArrayList<>(rows);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Map<String, String> t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    void describe(Plan plan) {
        out.accept(String.format(Locale.ROOT, "%s: %d rows before the shift, %d after%s; %d dropped for an empty cell; "
                        + "features %s; attribute %s (smallest group %s: %.1f %% of rows)", options.file().getFileName(),
                plan.before().size(), plan.after().size(), options.shiftBy() == null ? " (no shift)"
                        : " (ordered by " + options.shiftBy() + ")", plan.dropped(), plan.features(),
                options.attribute(), plan.smallestGroup(), 100 * plan.smallestShare()));
    }

    /** Replays the plan against a running system; returns the summary. */
    String run(Plan plan, Map<String, ?> kafka, URI registry, URI scorer) {
        Instant start = Instant.now();
        long deadline = System.nanoTime() + options.timeout().toNanos();
        Demo.registerSpec(registry, options.model(), plan.spec(), out);
        Deque<Object[]> pending = new ArrayDeque<>();
        long sequence = 0;
        Instant shiftAt = null;
        Instant lastRowAt = null;
        Instant heldSince = null;
        long nextProbe = 0;
        try (LoopWatcher watcher = new LoopWatcher(kafka, options.model(), out);
             KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaSettings.with(kafka, ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new StringSerializer());
             ScorerClient app = new ScorerClient(scorer, producer, out)) {
            out.accept(String.format("replaying %d rows/s; labels follow %.1f s later; unscored until v1 is promoted, "
                    + "then through the scorer", options.rate(), options.feedbackDelay()));
            int batch = Math.max(1, options.rate() / 20);
            List<Map<String, String>> rows = new ArrayList<>(plan.before());
            rows.addAll(plan.after());
            int next = 0;
            while (true) {
                if (System.nanoTime() > deadline) {
                    out.accept("timed out after " + options.timeout());
                    break;
                }
                boolean v1 = watcher.firstChampion().isPresent();
                if (servedSecond(watcher, app) != null) {
                    break;
                }
                if (lastRowAt != null && pending.isEmpty()
                        && Duration.between(lastRowAt, Instant.now()).compareTo(options.waitAfter()) > 0) {
                    out.accept("no v2 served within " + options.waitAfter() + " of the last row");
                    break;
                }
                if (next == plan.before().size() && !v1 && !plan.after().isEmpty()) {
                    // the shifted world waits for v1, so v1 learns only the world before the shift
                    heldSince = heldSince == null ? Instant.now() : heldSince;
                    if (Duration.between(heldSince, Instant.now()).compareTo(options.waitAfter()) > 0) {
                        out.accept("no v1 within " + options.waitAfter() + " of the last row before the shift");
                        break;
                    }
                }
                for (int i = 0; i < batch && next < rows.size(); i++) {
                    if (next == plan.before().size() && !v1 && !plan.after().isEmpty()) {
                        break;
                    }
                    if (next == plan.before().size()) {
                        shiftAt = Instant.now();
                        out.accept(">>> the shift: replaying the rows after --shift-at (" + plan.after().size() + ")");
                    }
                    Map<String, String> row = rows.get(next++);
                    String id = options.model() + "-" + (sequence++);
                    Map<String, Object> features = new LinkedHashMap<>();
                    for (String f : plan.features()) {
                        String v = row.get(f);
                        features.put(f, CsvTable.isNumber(v) && isNumeric(plan, f) ? (Object) Double.parseDouble(v) : v);
                    }
                    InferenceEvent e = new InferenceEvent(options.model(), id, Instant.now(), null, features,
                            Map.of(options.attribute(), row.get(options.attribute())), null, null);
                    if (v1) {
                        app.predict(e);
                    } else {
                        app.writeUnscored(e);
                    }
                    pending.addLast(new Object[] {System.nanoTime() + (long) (options.feedbackDelay() * 1e9),
                            new FeedbackEvent(options.model(), id, Integer.parseInt(row.get(options.label())), null)});
                    if (next == rows.size()) {
                        lastRowAt = Instant.now();
                        out.accept("all " + rows.size() + " rows sent");
                    }
                }
                if (next == rows.size() && watcher.secondChampion().isPresent() && servedSecond(watcher, app) == null
                        && !plan.after().isEmpty() && System.nanoTime() >= nextProbe) {
                    // every row is spent: ask the scorer with the last row's features (no label follows, so
                    // it never becomes an example) until it answers with v2
                    Map<String, String> last = rows.get(rows.size() - 1);
                    Map<String, Object> features = new LinkedHashMap<>();
                    plan.features().forEach(f -> features.put(f, isNumeric(plan, f)
                            ? (Object) Double.parseDouble(last.get(f)) : last.get(f)));
                    app.predict(new InferenceEvent(options.model(), options.model() + "-probe-" + (sequence++),
                            Instant.now(), null, features, Map.of(options.attribute(), last.get(options.attribute())),
                            null, null));
                    nextProbe = System.nanoTime() + 200_000_000L;
                }
                while (!pending.isEmpty() && (long) pending.peekFirst()[0] <= System.nanoTime()) {
                    FeedbackEvent f = (FeedbackEvent) pending.removeFirst()[1];
                    producer.send(new ProducerRecord<>(Topics.FEEDBACK, f.model(), Json.encode(
                            new FeedbackEvent(f.model(), f.requestId(), f.label(), Instant.now()))));
                }
                Demo.pause(50);
            }
            app.close();
            return summary(plan, watcher, app, start, shiftAt);
        }
    }

    private static boolean isNumeric(Plan plan, String feature) {
        return plan.spec().contains("{name: " + Json.encode(feature) + ", type: numeric}");
    }

    private String summary(Plan plan, LoopWatcher watcher, ScorerClient app, Instant start, Instant shiftAt) {
        StringBuilder s = new StringBuilder("\n================ replay summary: ").append(options.file().getFileName())
                .append(" ================\n");
        Optional<Instant> firstDrift = Optional.ofNullable(watcher.firstDriftedAt());
        Instant firstRequest = watcher.requests().stream().filter(r -> r.trigger() == RetrainTrigger.DRIFT)
                .map(RetrainRequested::requestedAt).min(Instant::compareTo).orElse(null);
        Instant driftedAt = firstDrift.orElse(firstRequest);
        if (firstRequest != null && driftedAt != null && firstRequest.isBefore(driftedAt)) {
            driftedAt = firstRequest;
        }
        Instant served = servedSecond(watcher, app);
        s.append(String.format(Locale.ROOT, "rows                  : %d before the shift, %d after; smallest group %s "
                + "%.1f %%%n", plan.before().size(), plan.after().size(), plan.smallestGroup(), 100 * plan.smallestShare()));
        s.append(String.format("champions             : %s%n", watcher.promotions().isEmpty() ? "none"
                : watcher.promotions().stream().map(p -> "v" + p.version()).collect(Collectors.joining(" -> "))));
        s.append(String.format("shift -> first drift  : %s%n", shiftAt == null || driftedAt == null ? "-"
                : seconds(Duration.between(shiftAt, driftedAt))));
        Instant v2 = watcher.secondChampion().map(p -> p.promotedAt()).orElse(null);
        s.append(String.format("shift -> v2 promoted  : %s%n", shiftAt == null || v2 == null ? "-"
                : seconds(Duration.between(shiftAt, v2))));
        s.append(String.format("time to adapt         : %s%n", driftedAt == null || served == null
                ? "(no v2 served)" : seconds(Duration.between(driftedAt, served)) + " from the first drifted window (or "
                + "drift request) to v2 served"));
        s.append(String.format("drift attempts        : %d%n", watcher.driftAttempts()));
        for (DatasetReady d : watcher.datasets()) {
            s.append(String.format("dataset               : %s%n", LoopWatcher.describe(d)));
        }
        for (ModelEvaluated e : watcher.evaluations()) {
            List<String> undecided = e.gates().stream().filter(GateResult::notDecided).map(GateResult::gate).toList();
            s.append(String.format("verdict %s : %s%s — %s%n", LoopWatcher.shortId(e.candidateId()), e.verdict().name(),
                    undecided.isEmpty() ? "" : " (undecided: " + String.join(", ", undecided) + ")", e.summary()));
        }
        s.append(String.format("scorer answers        : %s%n", app.predictionsByVersion()));
        s.append(String.format("total                 : %s%n", seconds(Duration.between(start, Instant.now()))));
        s.append("=====================================================\n");
        return s.toString();
    }

    /** When the scorer first answered with the champion that replaced the first one; null before. */
    private static Instant servedSecond(LoopWatcher watcher, ScorerClient app) {
        return watcher.secondChampion().map(p -> app.firstSeen(p.version())).orElse(null);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
