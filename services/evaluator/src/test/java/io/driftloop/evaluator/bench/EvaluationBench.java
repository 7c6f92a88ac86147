package io.driftloop.evaluator.bench;

import io.driftloop.contracts.spec.FairnessMetric;
import io.driftloop.contracts.spec.QualityMetric;
import io.driftloop.evaluator.domain.Column;
import io.driftloop.evaluator.domain.ConfusionMatrix;
import io.driftloop.evaluator.domain.EvaluationData;
import io.driftloop.evaluator.domain.EvaluationStatistics;
import io.driftloop.evaluator.domain.FairnessMeasure;
import io.driftloop.evaluator.domain.MetricSet;
import io.driftloop.evaluator.domain.Statistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

/**
 * Times an evaluation's statistics — every metric of candidate and champion with bootstrap
 * intervals, the paired differences, the baseline, McNemar, slices and the four fairness measures
 * of one attribute — on N test rows × R resamples, and, as the reference in the same run,
 * scikit-learn doing the same resampling loop in Python on the same rows (written to a temp file),
 * on {@code --reference-resamples} resamples (default 50) and compared per resample. The Java side is
 * also timed on one thread (a one-thread fork-join pool) for a per-core ratio, and scikit-learn's
 * point figures on the full rows must equal the Java ones to 1e-9 (exit status 1 otherwise).
 *
 * <pre>EvaluationBench [--rows 100000] [--resamples 1000] [--reference-resamples 50] [--runs 3] [--python /usr/bin/python3]</pre>
 */
public final class EvaluationBench {

    public static void main(String[] args) throws Exception {
        int rows = 100_000;
        int resamples = 1000;
        int referenceResamples = -1;
        int runs = 3;
        String python = "/usr/bin/python3";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--resamples" -> resamples = Integer.parseInt(args[++i]);
                case "--reference-resamples" -> referenceResamples = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--python" -> python = args[++i];
                case "--no-reference" -> python = null;
                default -> {
                    System.out.println("options: --rows N --resamples N --reference-resamples N --runs N --python PATH --no-reference");
                    return;
                }
            }
        }
        if (referenceResamples < 0) {
            referenceResamples = Math.min(resamples, 50);
        }
        int singleResamples = resamples;
        Random random = new Random(20261123);
        int[] labels = new int[rows];
        double[] candidate = new double[rows];
        double[] champion = new double[rows];
        String[] group = new String[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
            group[i] = random.nextDouble() < 0.6 ? "f" : "m";
            double signal = labels[i] == 1 ? 1.2 : -0.4;
            candidate[i] = round4(1 / (1 + Math.exp(-(signal + random.nextGaussian()))));
            champion[i] = round4(1 / (1 + Math.exp(-(0.8 * signal + random.nextGaussian()))));
        }
        Column gender = new Column("gender", group);
        List<FairnessMeasure> measures = new ArrayList<>(FairnessMeasure.STANDARD);
        measures.add(new FairnessMeasure(FairnessMetric.DISPARATE_IMPACT_RATIO, "f"));
        EvaluationData data = new EvaluationData(labels, candidate, champion, 0.3, List.of(gender), List.of(gender),
                measures, 30, 20);

        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "evaluation statistics: %,d test rows x %,d bootstrap resamples, %d cores%n",
                rows, resamples, cores);
        System.out.println("  (9 metrics + confusion matrix of candidate, champion and baseline, paired differences, McNemar,");
        System.out.println("   2 slices, 4 fairness measures + a reference-group ratio on one attribute, all with intervals)");
        Statistics.compute(data, 1, Math.min(resamples, 100), 0.95); // warm-up
        double[] seconds = new double[runs];
        EvaluationStatistics stats = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            stats = Statistics.compute(data, 42 + r, resamples, 0.95);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  run %d: %.2f s%n", r + 1, seconds[r]);
        }
        Arrays.sort(seconds);
        double java = seconds[runs / 2];
        double javaPerResample = java / resamples;
        System.out.printf(Locale.ROOT, "Driftloop (Java, %d threads, median of %d): %.2f s, %.2f ms per resample  "
                        + "(rocAuc %.4f [%.4f, %.4f], accuracy diff %+.4f [%+.4f, %+.4f], DPD %.4f [%.4f, %.4f])%n",
                cores, runs, java, javaPerResample * 1e3,
                stats.candidate().get(QualityMetric.ROC_AUC).value(), stats.candidate().get(QualityMetric.ROC_AUC).lower(),
                stats.candidate().get(QualityMetric.ROC_AUC).upper(), stats.versusChampion().get("accuracy").value(),
                stats.versusChampion().get("accuracy").lower(), stats.versusChampion().get("accuracy").upper(),
                stats.fairness("gender").get(FairnessMeasure.STANDARD.get(0)).value(),
                stats.fairness("gender").get(FairnessMeasure.STANDARD.get(0)).lower(),
                stats.fairness("gender").get(FairnessMeasure.STANDARD.get(0)).upper());
        // one thread: the resamples' parallel stream runs in the pool of the task that starts it
        ForkJoinPool one = new ForkJoinPool(1);
        double single;
        try {
            long t0 = System.nanoTime();
            one.submit(() -> Statistics.compute(data, 99, singleResamples, 0.95)).get();
            single = (System.nanoTime() - t0) / 1e9;
        } finally {
            one.shutdown();
        }
        double singlePerResample = single / singleResamples;
        System.out.printf(Locale.ROOT, "Driftloop (Java, 1 thread, %d resamples): %.2f s, %.2f ms per resample%n",
                singleResamples, single, singlePerResample * 1e3);
        if (python == null) {
            return;
        }

        Path dir = Files.createTempDirectory("bench-evaluation");
        Path csv = dir.resolve("rows.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            for (int i = 0; i < rows; i++) {
                w.write(labels[i] + "," + candidate[i] + "," + champion[i] + "," + (group[i].equals("f") ? 0 : 1) + "\n");
            }
        }
        Path script = dir.resolve("reference.py");
        Files.writeString(script, REFERENCE);
        System.out.printf(Locale.ROOT, "reference: scikit-learn %s, the same loop over %,d resamples of the same rows (one thread)...%n",
                version(python), referenceResamples);
        Process p = new ProcessBuilder(python, script.toString(), csv.toString(), Integer.toString(referenceResamples))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the Python reference failed: " + out);
        }
        double reference = Double.NaN;
        int mismatches = 0;
        int compared = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("seconds")) {
                reference = Double.parseDouble(f[1]);
            } else if (f[0].equals("point") && f.length == 4) {
                // point <candidate|champion> <metric> <value>: the reference's figure on the full rows
                MetricSet set = f[1].equals("candidate") ? stats.candidate() : stats.champion();
                double expected = Double.parseDouble(f[3]);
                double actual = pointOf(set, f[2]);
                compared++;
                if (!(Math.abs(actual - expected) <= 1e-9)) {
                    mismatches++;
                    System.out.printf(Locale.ROOT, "  MISMATCH %s %s: Java %.12f, scikit-learn %.12f%n", f[1], f[2],
                            actual, expected);
                }
            }
        }
        System.out.printf(Locale.ROOT, "point figures on the full %,d rows: %d of %d equal scikit-learn's to 1e-9%n",
                rows, compared - mismatches, compared);
        double referencePerResample = reference / referenceResamples;
        double scaled = referencePerResample * resamples;
        System.out.printf(Locale.ROOT, "scikit-learn (Python, one run): %.2f s for %d resamples, %.2f ms per resample, "
                + "%.1f s scaled to %d%n", reference, referenceResamples, referencePerResample * 1e3, scaled, resamples);
        System.out.printf(Locale.ROOT, "ratio of per-resample times: Driftloop is %.1fx faster (%d threads), "
                        + "%.1fx per core (1 thread against scikit-learn's one)%n",
                referencePerResample / javaPerResample, cores, referencePerResample / singlePerResample);
        System.out.printf(Locale.ROOT, "scaled totals for %d resamples: scikit-learn %.1f s, Driftloop %.2f s%n",
                resamples, scaled, java);
        Files.delete(csv);
        Files.delete(script);
        Files.delete(dir);
        if (mismatches > 0 || compared == 0) {
            System.out.println("FAILED: the point figures differ from scikit-learn's");
            System.exit(1);
        }
    }

    private static double pointOf(MetricSet set, String name) {
        ConfusionMatrix cm = set.confusion();
        return switch (name) {
            case "tn" -> cm.tn();
            case "fp" -> cm.fp();
            case "fn" -> cm.fn();
            case "tp" -> cm.tp();
            default -> set.points().get(name);
        };
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String version(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import sklearn; print(sklearn.__version__)").start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** The reference loop: the same metrics per resample for candidate and champion, their differences, one attribute's DPD. */
    static final String REFERENCE = """
            import sys, time
            import numpy as np
            from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, confusion_matrix,
                                         f1_score, log_loss, precision_score, recall_score, roc_auc_score)
            rows = np.loadtxt(sys.argv[1], delimiter=",")
            y, cand, champ, g = rows[:, 0].astype(int), rows[:, 1], rows[:, 2], rows[:, 3].astype(int)
            resamples = int(sys.argv[2])
            rng = np.random.default_rng(42)
            NAMES = ["accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "logLoss", "brier", "ece",
                     "tn", "fp", "fn", "tp"]

            def metrics(yy, p):
                pred = (p >= 0.5).astype(int)
                b = np.minimum(np.floor(p * 10).astype(int), 9)
                ece = np.abs(np.bincount(b, weights=yy, minlength=10) - np.bincount(b, weights=p, minlength=10)).sum() / len(yy)
                return np.array([accuracy_score(yy, pred), precision_score(yy, pred, zero_division=0),
                                 recall_score(yy, pred, zero_division=0), f1_score(yy, pred, zero_division=0),
                                 roc_auc_score(yy, p), average_precision_score(yy, p),
                                 log_loss(yy, p, labels=[0, 1], eps=1e-15), brier_score_loss(yy, p), ece,
                                 *confusion_matrix(yy, pred, labels=[0, 1]).ravel()])

            for who, scores in (("candidate", cand), ("champion", champ)):
                for name, value in zip(NAMES, metrics(y, scores)):
                    print("point", who, name, repr(float(value)))

            start = time.perf_counter()
            results = []
            for _ in range(resamples):
                i = rng.integers(0, len(y), len(y))
                yy, gg = y[i], g[i]
                c, h = metrics(yy, cand[i]), metrics(yy, champ[i])
                sel = (cand[i] >= 0.5)
                rates = [sel[gg == k].mean() for k in (0, 1)]
                results.append(np.concatenate([c, h, c - h, [max(rates) - min(rates)]]))
            intervals = np.percentile(np.array(results), [2.5, 97.5], axis=0)
            print("seconds", time.perf_counter() - start)
            """;
}
