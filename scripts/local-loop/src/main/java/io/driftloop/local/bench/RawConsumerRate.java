package io.driftloop.local.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own consumer performance tool ({@code org.apache.kafka.tools.ConsumerPerformance}, what
 * {@code kafka-consumer-perf-test.sh} runs) reading a topic: a child JVM with this launcher's
 * classpath, the heap the Kafka script gives it (512 MB), the tool's default fetch settings and a
 * fresh consumer group.
 */
public final class RawConsumerRate {

    public static final String TOOL = "org.apache.kafka.tools.ConsumerPerformance";

    /**
     * The tool's final line.
     *
     * @param megabytes     keys and values read, MiB
     * @param messages      records read
     * @param elapsedMs     from creating the consumer to the last record, including the group join
     * @param rebalanceMs   time spent joining the group (rebalance.time.ms)
     * @param fetchMs       elapsed minus the join (fetch.time.ms)
     * @param mbPerSec      MB.sec: over the elapsed time, join included
     * @param msgsPerSec    nMsg.sec: over the elapsed time, join included
     * @param fetchMbPerSec fetch.MB.sec: over the fetch time, join excluded
     * @param fetchMsgsPerSec fetch.nMsg.sec: over the fetch time, join excluded
     */
    public record Result(double megabytes, long messages, long elapsedMs, long rebalanceMs, long fetchMs,
                         double mbPerSec, double msgsPerSec, double fetchMbPerSec, double fetchMsgsPerSec) {
    }

    private RawConsumerRate() {
    }

    /** Runs the tool for {@code messages} records of {@code topic}; its output goes to {@code log}. */
    public static Result measure(String classpath, String bootstrapServers, String topic, long messages, Path log) {
        // the locale pins the tool's decimal point
        String output = runJava(classpath, TOOL, List.of("-Duser.language=en", "-Duser.country=US"), List.of(
                "--bootstrap-server", bootstrapServers,
                "--topic", topic,
                "--messages", Long.toString(messages),
                "--group", "bench-consumer-perf-" + UUID.randomUUID().toString().substring(0, 8)), log, TOOL);
        Result r = parse(output);
        requireAll(r.messages(), messages, TOOL, log);
        return r;
    }

    /**
     * Runs {@code mainClass} in a child JVM with the heap kafka-consumer-perf-test.sh gives its tool
     * (512 MB), {@code classpath}, {@code jvmArgs} and {@code args}, to its end (at most 30 minutes),
     * its output to {@code log}; returns that output, or throws naming {@code what} when it fails or hangs.
     */
    static String runJava(String classpath, String mainClass, List<String> jvmArgs, List<String> args, Path log,
                          String what) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within 30 minutes; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " exited with " + p.exitValue() + "; see " + log);
            }
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " ran", e);
        }
    }

    /** Throws unless a reference consumer read every record of the topic. */
    static void requireAll(long read, long messages, String what, Path log) {
        if (read != messages) {
            throw new IllegalStateException(what + " read " + read + " of " + messages + " records; see " + log);
        }
    }

    /**
     * The figures of the tool's output: the line after its header {@code start.time, end.time,
     * data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms,
     * fetch.MB.sec, fetch.nMsg.sec}.
     */
    public static Result parse(String output) {
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("start.time, end.time,")) {
                String[] f = lines[i + 1].split(",\\s*");
                if (f.length < 10) {
                    break;
                }
                long messages = Long.parseLong(f[4].trim());
                long rebalanceMs = Long.parseLong(f[6].trim());
                long fetchMs = Long.parseLong(f[7].trim());
                return new Result(Double.parseDouble(f[2]), messages, rebalanceMs + fetchMs, rebalanceMs, fetchMs,
                        Double.parseDouble(f[3]), Double.parseDouble(f[5]), Double.parseDouble(f[8]),
                        Double.parseDouble(f[9]));
            }
        }
        throw new IllegalArgumentException("no result line after the header of " + TOOL + " in:\n" + output);
    }
}
