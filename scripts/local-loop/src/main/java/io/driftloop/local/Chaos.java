package io.driftloop.local;

import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.local.invariants.Invariants;
import io.driftloop.local.invariants.TopicsReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * {@code scripts/chaos}: run-local's broker, services and demo traffic, while a random service is
 * killed with SIGKILL every few seconds and started again, and the broker is stopped once for each
 * outage (30 s and 3 minutes by default); then, once every consumer group caught up, the
 * {@link Invariants} read back from the topics. Prints a table of the kills, one of the outages
 * (which services reported DOWN meanwhile, how long until all were ready again) and one of the
 * invariants, and exits 1 when an invariant is violated, the loop did not reach v2, a service did not
 * come back, or health did not tell the truth about an outage.
 */
public final class Chaos {

    /** What to do; see {@link #USAGE}. */
    record Options(int kills, long seed, Duration interval, Duration downtime, Duration timeout, List<Duration> outages) {
    }

    static final String USAGE = """
            usage: scripts/chaos [--kills N] [--seed S] [--interval SECONDS] [--downtime SECONDS] [--timeout MINUTES]
                                 [--outages SECONDS,SECONDS|none]
              --kills N        services killed (SIGKILL) and restarted, one at a time (default 20)
              --seed S         which services, in which order (default 1)
              --interval S     seconds between a service being ready again and the next kill (default 4)
              --downtime S     seconds a killed service stays down (default 3)
              --timeout M      give the demo this many minutes (default 15)
              --outages L      broker stops, in seconds each, spread among the kills (default 30,180)""";

    /** One SIGKILL: which service, when (seconds since the start), and how long until it was ready again (NaN: never). */
    record Kill(int n, String service, double atSeconds, double readyAfterSeconds) {
    }

    /**
     * One broker outage: when, how long, which of the {@code services} reported not ready while it
     * lasted, and how long after the broker was back every service was ready again (NaN: not within
     * the wait).
     */
    /** How soon a service must answer its readiness during an outage for the answer to count. */
    static final Duration HEALTH_ANSWER = Duration.ofSeconds(3);

    /**
     * A broker outage: for each service that answered its readiness with 503 (not ready) within
     * {@link #HEALTH_ANSWER} while the broker was away, how many seconds after the stop it first did.
     */
    record Outage(int n, double atSeconds, Duration length, int services, Map<String, Double> saidNotReadyAfter,
                  double allReadyAfterSeconds) {

        /** Health told the truth, and at once: every service said not ready while the broker was gone, and all came back. */
        boolean truthful() {
            return saidNotReadyAfter.size() == services && !Double.isNaN(allReadyAfterSeconds);
        }

        String saidNotReady() {
            return saidNotReadyAfter.size() + " of " + services + (saidNotReadyAfter.isEmpty() ? "" : String.format(Locale.ROOT,
                    " (the last %.1f s after the stop): ", saidNotReadyAfter.values().stream().mapToDouble(d -> d).max()
                            .orElse(0))) + String.join(", ", saidNotReadyAfter.keySet());
        }
    }

    /** What was injected. */
    record Faults(List<Kill> kills, List<Outage> outages, boolean allBack) {

        String table() {
            StringBuilder out = new StringBuilder("kills:\n");
            out.append(String.format(Locale.ROOT, "  %3s  %-15s %8s  %s%n", "#", "service", "at (s)", "ready again after (s)"));
            kills.forEach(k -> out.append(String.format(Locale.ROOT, "  %3d  %-15s %8.1f  %s%n", k.n(), k.service(),
                    k.atSeconds(), Double.isNaN(k.readyAfterSeconds()) ? "NEVER"
                            : String.format(Locale.ROOT, "%.1f", k.readyAfterSeconds()))));
            out.append("outages:\n");
            if (outages.isEmpty()) {
                out.append("  none\n");
            } else {
                out.append(String.format(Locale.ROOT, "  %3s  %8s  %8s  %-100s  %s%n", "#", "at (s)", "length",
                        "said not ready (503 within 3 s) while the broker was down", "all ready again after (s)"));
                outages.forEach(o -> out.append(String.format(Locale.ROOT, "  %3d  %8.1f  %7ds  %-100s  %s%n", o.n(),
                        o.atSeconds(), o.length().toSeconds(), o.saidNotReady(),
                        Double.isNaN(o.allReadyAfterSeconds()) ? "NEVER"
                                : String.format(Locale.ROOT, "%.1f", o.allReadyAfterSeconds()))));
            }
            return out.toString();
        }
    }

    private Chaos() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        if (a.contains("--help") || a.contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        int i = a.indexOf("--outages");
        List<Duration> outages = i < 0 ? List.of(Duration.ofSeconds(30), Duration.ofMinutes(3))
                : "none".equals(a.get(i + 1)) ? List.of()
                : java.util.Arrays.stream(a.get(i + 1).split(",")).map(x -> Duration.ofSeconds(Long.parseLong(x.trim()))).toList();
        Options o = new Options(intFlag(a, "--kills", 20), intFlag(a, "--seed", 1),
                Duration.ofSeconds(intFlag(a, "--interval", 4)), Duration.ofSeconds(intFlag(a, "--downtime", 3)),
                Duration.ofMinutes(intFlag(a, "--timeout", 15)), outages);
        System.exit(run(o) ? 0 : 1);
    }

    static boolean run(Options o) throws Exception {
        try (RunLocal.LocalSystem system = RunLocal.LocalSystem.start(RunLocal::say)) {
            KafkaCluster kafka = system.kafka();
            ServiceFleet fleet = system.fleet();
            Duration timeout = o.timeout().plus(o.outages().stream().reduce(Duration.ZERO, Duration::plus));
            CompletableFuture<Demo.Result> demo = CompletableFuture.supplyAsync(() -> new Demo(kafka.admin(),
                    URI.create("http://localhost:8080"), URI.create("http://localhost:8085"),
                    new Demo.Settings(500, 200, 1500, timeout, 7), line -> RunLocal.say("demo: " + line)).run());
            Faults faults = inject(kafka, fleet, o, RunLocal::say);
            Demo.Result result = null;
            String demoFailure = null;
            try {
                result = demo.get();
            } catch (java.util.concurrent.ExecutionException e) {
                demoFailure = String.valueOf(e.getCause());
            }
            RunLocal.say("chaos: waiting for every consumer group to catch up");
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (System.nanoTime() < deadline
                    && TopicsReader.groupLag(kafka.admin()).values().stream().anyMatch(lag -> lag > 0)) {
                Thread.sleep(2000);
            }
            Invariants.Report report = Invariants.check(TopicsReader.read(kafka.admin()));
            boolean v2 = result != null && result.v2() != null && result.v2().version() >= 2;
            boolean truthful = faults.outages().stream().allMatch(Outage::truthful);
            System.out.println();
            System.out.print(faults.table());
            System.out.println("loop: " + (v2 ? "reached v" + result.v2().version() : "did not reach v2"
                    + (demoFailure == null ? "" : " (" + demoFailure + ")")));
            System.out.println("invariants:");
            System.out.print(report.table().indent(2));
            boolean ok = report.holds() && v2 && faults.allBack() && truthful;
            System.out.println(ok ? "CHAOS PASSED" : "CHAOS FAILED");
            return ok;
        }
    }

    /**
     * SIGKILLs {@code o.kills()} random services one at a time (each restarted after {@code
     * o.downtime()}), with the broker outages spread evenly among them; while the broker is down the
     * services' readiness is polled, and after it every service is awaited ready again (up to 3 minutes).
     */
    static Faults inject(KafkaCluster kafka, ServiceFleet fleet, Options o, java.util.function.Consumer<String> say)
            throws InterruptedException {
        long start = System.nanoTime();
        Random random = new Random(o.seed());
        List<String> names = fleet.names();
        List<Kill> kills = new ArrayList<>();
        List<Outage> outages = new ArrayList<>();
        // outage i of m comes after kill ⌈(i + 1)·kills / (m + 1)⌉ (with no kills, at once)
        int m = o.outages().size();
        int nextOutage = 0;
        for (int n = 0; n <= o.kills(); n++) {
            while (nextOutage < m && n >= Math.ceil((nextOutage + 1) * (double) o.kills() / (m + 1))) {
                outages.add(outage(kafka, fleet, nextOutage + 1, o.outages().get(nextOutage),
                        (System.nanoTime() - start) / 1e9, say));
                nextOutage++;
            }
            if (n == o.kills()) {
                break;
            }
            Thread.sleep(o.interval().toMillis());
            String victim = names.get(random.nextInt(names.size()));
            double at = (System.nanoTime() - start) / 1e9;
            say.accept("chaos: kill " + (n + 1) + " of " + o.kills() + ": SIGKILL " + victim);
            try {
                Duration back = fleet.killAndRestart(victim, o.downtime(), Duration.ofMinutes(3));
                kills.add(new Kill(n + 1, victim, at, back.toMillis() / 1000.0));
                say.accept("chaos: " + victim + " ready again after " + back.toMillis() + " ms");
            } catch (RuntimeException e) {
                kills.add(new Kill(n + 1, victim, at, Double.NaN));
                say.accept("chaos: " + victim + " did not come back: " + e.getMessage());
                return new Faults(kills, outages, false);
            }
        }
        return new Faults(kills, outages, true);
    }

    private static Outage outage(KafkaCluster kafka, ServiceFleet fleet, int n, Duration length, double at,
                                 java.util.function.Consumer<String> say) throws InterruptedException {
        say.accept("chaos: outage " + n + ": the broker stops for " + length.toSeconds() + " s");
        Map<String, Double> down = new java.util.concurrent.ConcurrentSkipListMap<>();
        java.util.concurrent.atomic.AtomicBoolean brokerDown = new java.util.concurrent.atomic.AtomicBoolean(true);
        long stopped = System.nanoTime();
        Thread watcher = new Thread(() -> {
            while (brokerDown.get()) {
                fleet.readinessStatus(HEALTH_ANSWER).forEach((service, status) -> {
                    if (status == 503 && brokerDown.get()) {
                        down.putIfAbsent(service, (System.nanoTime() - stopped) / 1e9);
                    }
                });
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "chaos-health-watcher");
        watcher.start();
        kafka.outage(length);
        brokerDown.set(false);
        watcher.join();
        long back = System.nanoTime();
        long deadline = back + Duration.ofMinutes(3).toNanos();
        double allReady = Double.NaN;
        while (System.nanoTime() < deadline) {
            if (fleet.readiness().values().stream().allMatch(r -> r)) {
                allReady = (System.nanoTime() - back) / 1e9;
                break;
            }
            Thread.sleep(500);
        }
        say.accept(String.format(Locale.ROOT, "chaos: broker back; not ready meanwhile: %s; all ready again after %s s",
                down.keySet(), Double.isNaN(allReady) ? "NEVER" : String.format(Locale.ROOT, "%.1f", allReady)));
        return new Outage(n, at, length, fleet.names().size(), java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(down)), allReady);
    }

    private static int intFlag(List<String> args, String name, int fallback) {
        int i = args.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return Integer.parseInt(args.get(i + 1));
    }
}
