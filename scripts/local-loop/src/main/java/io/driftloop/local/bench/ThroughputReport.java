package io.driftloop.local.bench;

import java.util.Locale;

/**
 * The figures of one benchmark run and the table printed from them. The verdict compares the
 * drift-detector's rate with {@link #TARGET} times the raw consumer's fetch rate.
 *
 * @param events             inference events on the topic
 * @param megabytes          their size as the raw consumer counted it (keys and values), MiB
 * @param windowSize         events per window
 * @param windows            windows fully evaluated (one {@code ct.drift.stats.v1} record each)
 * @param driftedWindows     of those, windows that drifted
 * @param raw                the consumer performance tool's figures
 * @param detectorEvents     events the drift-detector's rate is computed over
 * @param detectorMs         the time they took, ms
 * @param evaluationEvents   events between the first and the last window's statistics
 * @param evaluationMs       time between those two records, ms
 * @param parsing            the bare consumer that reads every value as JSON ({@link ParsingConsumerRate})
 * @param steadyEvents       events between the statistics of the middle window and the last one
 * @param steadyMs           time between those two records, ms (the second half of the run, JIT warm-up behind)
 */
public record ThroughputReport(long events, double megabytes, int windowSize, long windows, long driftedWindows,
                               RawConsumerRate.Result raw, long detectorEvents, long detectorMs,
                               long evaluationEvents, long evaluationMs,
                               ParsingConsumerRate.Result parsing, long steadyEvents, long steadyMs) {

    public static final double TARGET = 0.8;

    public double rawRate() {
        return raw.fetchMsgsPerSec();
    }

    public double detectorRate() {
        return rate(detectorEvents, detectorMs);
    }

    public double evaluationRate() {
        return rate(evaluationEvents, evaluationMs);
    }

    /** Events per second in the second half of the run. */
    public double steadyRate() {
        return rate(steadyEvents, steadyMs);
    }

    public double parsingRate() {
        return parsing.msgsPerSec();
    }

    public double ratio() {
        return share(detectorRate(), rawRate());
    }

    public boolean meetsTarget() {
        return ratio() >= TARGET;
    }

    public long expectedWindows() {
        return events / windowSize;
    }

    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("\n==================== drift-detector throughput ====================\n");
        row(s, "events", f("%,d (%.1f MiB; 20 numeric + 5 categorical features)", events, megabytes));
        row(s, "windows", f("%,d evaluated of %,d expected (window %d; %,d drifted)", windows,
                expectedWindows(), windowSize, driftedWindows));
        row(s, "raw consumer msgs/s", f("%,.0f", rawRate()));
        row(s, "drift-detector events/s", f("%,.0f", detectorRate()));
        row(s, "ratio", f("%.3f", ratio()));
        row(s, "target", f("%.1f", TARGET));
        row(s, "verdict", meetsTarget() ? "MEETS TARGET" : "BELOW TARGET");
        row(s, "second half events/s", f("%,.0f (%.3f of the raw consumer)", steadyRate(), share(steadyRate(), rawRate())));
        row(s, "JSON-reading consumer", f("%,.0f msgs/s, second half %,.0f (%.3f of the raw consumer: the most a "
                + "reader of these JSON events with Jackson gets here)", parsingRate(), parsing.secondHalfMsgsPerSec(),
                share(parsingRate(), rawRate())));
        row(s, "detector / JSON reader", f("%.3f whole run, %.3f second half", share(detectorRate(), parsingRate()),
                share(steadyRate(), parsing.secondHalfMsgsPerSec())));
        s.append("-------------------------------------------------------------------\n");
        s.append(f("raw consumer   : ConsumerPerformance fetch.nMsg.sec = %,d msgs / %,d ms fetch time, "
                        + "group join (%,d ms) excluded; %.1f MB/s (fetch.MB.sec). Join included: nMsg.sec %,.0f%n",
                raw.messages(), raw.fetchMs(), raw.rebalanceMs(), raw.fetchMbPerSec(), raw.msgsPerSec()));
        s.append(f("drift-detector : %,d events / %,d ms, from its first window's ct.drift.stats.v1 record "
                        + "to the poll (100 ms) that saw group drift-detector committed at the end offsets "
                        + "(JVM start-up and the first window excluded; includes the last commit interval)%n",
                detectorEvents, detectorMs));
        s.append(f("evaluation only: %,.0f events/s (%,d events between the first and the last window's "
                + "statistics, %,d ms; no commit lag)%n", evaluationRate(), evaluationEvents, evaluationMs));
        s.append(f("second half    : %,d events between the statistics of the middle window and the last one, %,d ms%n",
                steadyEvents, steadyMs));
        s.append(f("JSON reader    : a bare KafkaConsumer (same heap, default fetch settings, fresh group) that parses "
                + "every value with Jackson's streaming parser and does nothing else: %,d msgs / %,d ms from its first "
                + "record to its last%n", parsing.messages(), parsing.fetchMs()));
        s.append("===================================================================\n");
        return s.toString();
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append(f("%-25s %s%n", name, value));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static double share(double part, double whole) {
        return whole <= 0 ? 0 : part / whole;
    }

    private static double rate(long events, long ms) {
        return ms <= 0 ? 0 : events * 1000.0 / ms;
    }
}
