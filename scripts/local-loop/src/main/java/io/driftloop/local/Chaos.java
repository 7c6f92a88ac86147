package io.driftloop.local;

import io.driftloop.infra.kafka.KafkaCluster;
import io.driftloop.local.invariants.Invariants;
import io.driftloop.local.invariants.TopicsReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * {@code scripts/chaos}: run-local's broker, services and demo traffic, while a random service is
 * killed with SIGKILL every few seconds and started again; then, once every consumer group caught up,
 * the {@link Invariants} read back from the topics. Prints a table of the kills and one of the
 * invariants, and exits 1 when an invariant is violated, the loop did not reach v2, or a service did
 * not come back. Broker outages are not injected yet.
 */
public final class Chaos {

    /** What to do; see {@link #USAGE}. */
    record Options(int kills, long seed, Duration interval, Duration downtime, Duration timeout) {
    }

    static final String USAGE = """
            usage: scripts/chaos [--kills N] [--seed S] [--interval SECONDS] [--downtime SECONDS] [--timeout MINUTES]
              --kills N        services killed (SIGKILL) and restarted, one at a time (default 20)
              --seed S         which services, in which order (default 1)
              --interval S     seconds between a service being ready again and the next kill (default 4)
              --downtime S     seconds a killed service stays down (default 3)
              --timeout M      give the demo this many minutes (default 15)""";

    private record Kill(int n, String service, double atSeconds, double readyAfterSeconds) {
    }

    private Chaos() {
    }

    public static void main(String[] args) throws Exception {
        List<String> a = List.of(args);
        if (a.contains("--help") || a.contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Options o = new Options(intFlag(a, "--kills", 20), intFlag(a, "--seed", 1),
                Duration.ofSeconds(intFlag(a, "--interval", 4)), Duration.ofSeconds(intFlag(a, "--downtime", 3)),
                Duration.ofMinutes(intFlag(a, "--timeout", 15)));
        System.exit(run(o) ? 0 : 1);
    }

    static boolean run(Options o) throws Exception {
        long start = System.nanoTime();
        try (RunLocal.LocalSystem system = RunLocal.LocalSystem.start(RunLocal::say)) {
            KafkaCluster kafka = system.kafka();
            ServiceFleet fleet = system.fleet();
            CompletableFuture<Demo.Result> demo = CompletableFuture.supplyAsync(() -> new Demo(kafka.bootstrapServers(),
                    URI.create("http://localhost:8080"), URI.create("http://localhost:8085"),
                    new Demo.Settings(500, 200, 1500, o.timeout(), 7), line -> RunLocal.say("demo: " + line)).run());
            Random random = new Random(o.seed());
            List<String> names = fleet.names();
            List<Kill> kills = new ArrayList<>();
            boolean allBack = true;
            for (int n = 1; n <= o.kills(); n++) {
                Thread.sleep(o.interval().toMillis());
                String victim = names.get(random.nextInt(names.size()));
                double at = (System.nanoTime() - start) / 1e9;
                RunLocal.say("chaos: kill " + n + " of " + o.kills() + ": SIGKILL " + victim);
                try {
                    Duration back = fleet.killAndRestart(victim, o.downtime(), Duration.ofMinutes(3));
                    kills.add(new Kill(n, victim, at, back.toMillis() / 1000.0));
                    RunLocal.say("chaos: " + victim + " ready again after " + back.toMillis() + " ms");
                } catch (RuntimeException e) {
                    allBack = false;
                    kills.add(new Kill(n, victim, at, Double.NaN));
                    RunLocal.say("chaos: " + victim + " did not come back: " + e.getMessage());
                    break;
                }
            }
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
                    && TopicsReader.groupLag(kafka.bootstrapServers()).values().stream().anyMatch(lag -> lag > 0)) {
                Thread.sleep(2000);
            }
            Invariants.Report report = Invariants.check(TopicsReader.read(kafka.bootstrapServers()));
            boolean v2 = result != null && result.v2() != null && result.v2().version() >= 2;
            System.out.println();
            System.out.println("kills:");
            System.out.printf(Locale.ROOT, "  %3s  %-15s %8s  %s%n", "#", "service", "at (s)", "ready again after (s)");
            kills.forEach(k -> System.out.printf(Locale.ROOT, "  %3d  %-15s %8.1f  %s%n", k.n(), k.service(),
                    k.atSeconds(), Double.isNaN(k.readyAfterSeconds()) ? "NEVER" : String.format(Locale.ROOT, "%.1f",
                            k.readyAfterSeconds())));
            System.out.println("outages: none injected (broker stops are not part of this run)");
            System.out.println("loop: " + (v2 ? "reached v" + result.v2().version() : "did not reach v2"
                    + (demoFailure == null ? "" : " (" + demoFailure + ")")));
            System.out.println("invariants:");
            System.out.print(report.table().indent(2));
            boolean ok = report.holds() && v2 && allBack;
            System.out.println(ok ? "CHAOS PASSED" : "CHAOS FAILED");
            return ok;
        }
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
