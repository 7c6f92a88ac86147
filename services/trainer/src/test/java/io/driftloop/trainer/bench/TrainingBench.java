package io.driftloop.trainer.bench;

import io.driftloop.trainer.domain.CandidateTrainer;
import io.driftloop.trainer.domain.Dl4jLearner;
import io.driftloop.trainer.domain.EpochReport;
import io.driftloop.trainer.domain.Examples;
import io.driftloop.trainer.domain.Hyperparameters;
import io.driftloop.trainer.domain.TrainedModel;
import io.driftloop.trainer.domain.TrainingData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The trainer's learner against scikit-learn's {@code MLPClassifier}, the tool a data scientist would
 * otherwise use: the same encoded rows, architecture and epochs — scikit-learn with {@code --batch}
 * and {@code --lr} (64 and 0.01), DL4J with the trainer's default batch and rate unless {@code
 * --dl4j-batch} and {@code --dl4j-lr} say otherwise — one thread each side, median of {@code --runs} runs (DL4J after a warm-up run). Prints each side's fit
 * time, rows·epoch/s, validation accuracy and AUC, and the figure that matters: the time the
 * trainer's {@link Dl4jLearner} needs to reach scikit-learn's validation accuracy less one point,
 * divided by scikit-learn's fit time (target: at most 1). Data: a generated table (default), or a CSV
 * with a {@code label} column (0/1); a {@code sensitive} column is an attribute, never an input, and
 * is dropped. Splits 70/15/15 with the seed; the test rows are never used.
 *
 * <pre>TrainingBench [--csv FILE [--drop COL,COL]] [--rows 5000] [--hidden 32,16] [--lr 0.01] [--batch 64] [--epochs 12]
 *               [--runs 5] [--seed 7] [--python /usr/bin/python3 | --no-reference]</pre>
 */
public final class TrainingBench {

    private TrainingBench() {
    }

    /** Encoded rows and how they were made. */
    record Table(String name, float[][] x, int[] y, String columns) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--rows", "5000", "--hidden", "32,16", "--lr", "0.01",
                "--batch", "64", "--epochs", "12", "--runs", "5", "--seed", "7", "--python", "/usr/bin/python3"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-reference" -> o.put("--python", "");
                case "--help", "-h" -> {
                    System.out.println("options: --csv FILE --drop COL,COL --rows N --hidden 32,16 --lr R --batch N --epochs N --runs N "
                            + "--seed N --python PATH --no-reference --dl4j-batch N --dl4j-lr R (DL4J's own batch and "
                            + "rate; default: the trainer's defaults)");
                    return;
                }
                default -> {
                    if (!o.containsKey(args[i]) && !List.of("--csv", "--drop", "--dl4j-batch", "--dl4j-lr").contains(args[i])
                            || i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown option or missing value: " + args[i] + " (--help)");
                    }
                    o.put(args[i], args[++i]);
                }
            }
        }
        long seed = Long.parseLong(o.get("--seed"));
        Table table = o.containsKey("--csv") ? csv(Path.of(o.get("--csv")),
                List.of(o.getOrDefault("--drop", "").split(",")))
                : generated(Integer.parseInt(o.get("--rows")), seed);
        List<Integer> hidden = Arrays.stream(o.get("--hidden").split(",")).map(String::trim).map(Integer::valueOf).toList();
        double lr = Double.parseDouble(o.get("--lr"));
        int batch = Integer.parseInt(o.get("--batch"));
        int epochs = Integer.parseInt(o.get("--epochs"));
        int runs = Integer.parseInt(o.get("--runs"));
        // DL4J as the trainer runs it by default, unless told otherwise
        int dl4jBatch = Integer.parseInt(o.getOrDefault("--dl4j-batch",
                Integer.toString(io.driftloop.contracts.spec.TrainingSpec.DEFAULTS.batchSize())));
        double dl4jLr = Double.parseDouble(o.getOrDefault("--dl4j-lr",
                Double.toString(io.driftloop.contracts.spec.TrainingSpec.DEFAULTS.learningRate())));

        int[] order = shuffled(table.y().length, seed);
        int nTrain = (int) Math.round(order.length * 0.70);
        int nValidation = (int) Math.round(order.length * 0.15);
        int[] trainIdx = Arrays.copyOfRange(order, 0, nTrain);
        int[] validationIdx = Arrays.copyOfRange(order, nTrain, nTrain + nValidation);
        Examples train = examples(table, trainIdx);
        Examples validation = examples(table, validationIdx);
        TrainingData data = new TrainingData(train, validation);
        System.out.printf(Locale.ROOT, "data: %s%n      %s -> %d encoded columns; train %,d / validation %,d / test %,d "
                        + "(never used); positive share %.2f%n", table.name(), table.columns(), train.width(),
                train.rows(), validation.rows(), order.length - nTrain - nValidation, mean(train.labels()));
        System.out.printf(Locale.ROOT, "recipe: hidden %s, %d epochs; scikit-learn batch %d, Adam %s; DL4J batch %d, "
                + "Adam %s; one thread each side; median of %d runs%n", hidden, epochs, batch, lr, dl4jBatch, dl4jLr, runs);

        Side reference = null;
        if (!o.get("--python").isEmpty()) {
            reference = reference(o.get("--python"), "sklearn_mlp.py", train, validation, o.get("--hidden"), lr, batch,
                    epochs, runs, seed);
            System.out.printf(Locale.ROOT, "scikit-learn MLPClassifier: fit %.3f s, %,.0f rows·epoch/s, validation "
                            + "accuracy %.4f, AUC %.4f (%d epochs)%n", reference.seconds(),
                    train.rows() * (double) reference.epochs() / reference.seconds(), reference.accuracy(),
                    reference.auc(), reference.epochs());
        }

        Dl4jLearner learner = new Dl4jLearner(1);
        Hyperparameters warm = new Hyperparameters(hidden, dl4jLr, dl4jBatch, epochs, epochs, seed);
        learner.fit(data, warm, r -> { });
        double target = reference == null ? Double.NaN : reference.accuracy() - 0.01;
        List<Double> fits = new ArrayList<>();
        List<Double> toTarget = new ArrayList<>();
        List<Double> accuracies = new ArrayList<>();
        List<Double> aucs = new ArrayList<>();
        int reached = 0;
        for (int run = 0; run < runs; run++) {
            Hyperparameters hp = new Hyperparameters(hidden, dl4jLr, dl4jBatch, epochs, epochs, seed + run);
            long start = System.nanoTime();
            double[] firstAt = {Double.NaN};
            TrainedModel model = learner.fit(data, hp, (EpochReport r) -> {
                if (Double.isNaN(firstAt[0]) && r.validationAccuracy() != null && r.validationAccuracy() >= target) {
                    firstAt[0] = (System.nanoTime() - start) / 1e9;
                }
            });
            fits.add((System.nanoTime() - start) / 1e9);
            accuracies.add(CandidateTrainer.accuracy(model.validationScores(), validation.labels()));
            aucs.add(auc(model.validationScores(), validation.labels()));
            if (!Double.isNaN(firstAt[0])) {
                reached++;
                toTarget.add(firstAt[0]);
            }
        }
        double fit = median(fits);
        System.out.printf(Locale.ROOT, "DL4J Dl4jLearner:           fit %.3f s, %,.0f rows·epoch/s, validation "
                        + "accuracy %.4f, AUC %.4f (%d epochs, the best by validation loss kept)%n", fit,
                train.rows() * (double) epochs / fit, median(accuracies), median(aucs), epochs);
        if (reference != null) {
            if (reached == 0) {
                System.out.printf(Locale.ROOT, "DL4J never reached %.4f (scikit-learn's accuracy less one point) "
                        + "in %d epochs%nratio: unreached%n", target, epochs);
            } else {
                double t = median(toTarget);
                System.out.printf(Locale.ROOT, "DL4J reached %.4f (scikit-learn's accuracy less one point) in %.3f s "
                        + "(median of the %d of %d runs that reached it)%n", target, t, reached, runs);
                System.out.printf(Locale.ROOT, "ratio (DL4J time to that accuracy / scikit-learn fit time): %.2f "
                        + "(target: at most 1)%n", t / reference.seconds());
            }
            if (hasTorch(o.get("--python"))) {
                Side torch = reference(o.get("--python"), "torch_mlp.py", train, validation, o.get("--hidden"), lr, batch,
                        epochs, runs, seed);
                System.out.printf(Locale.ROOT, "PyTorch MLP (same recipe as scikit-learn): fit %.3f s, %,.0f "
                                + "rows·epoch/s, validation accuracy %.4f, AUC %.4f; DL4J's fit / PyTorch's: %.2f%n",
                        torch.seconds(), train.rows() * (double) torch.epochs() / torch.seconds(), torch.accuracy(),
                        torch.auc(), fit / torch.seconds());
            } else {
                System.out.println("PyTorch: not installed (Debian: python3-torch), no third column");
            }
        }
    }

    /** One side's medians. */
    record Side(double seconds, double accuracy, double auc, int epochs) {
    }

    /** Whether {@code python} can import PyTorch. */
    private static boolean hasTorch(String python) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    /** A Python reference ({@code sklearn_mlp.py} or {@code torch_mlp.py}) on the same rows and recipe. */
    private static Side reference(String python, String scriptName, Examples train, Examples validation, String hidden,
                                  double lr, int batch, int epochs, int runs, long seed)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bench-training-");
        Path script = dir.resolve(scriptName);
        try (InputStream in = TrainingBench.class.getResourceAsStream("/bench/" + scriptName)) {
            Files.write(script, in.readAllBytes());
        }
        Path trainCsv = write(dir.resolve("train.csv"), train);
        Path validationCsv = write(dir.resolve("validation.csv"), validation);
        Process p = new ProcessBuilder(python, script.toString(), trainCsv.toString(), validationCsv.toString(), hidden,
                Double.toString(lr), Integer.toString(batch), Integer.toString(epochs), Integer.toString(runs),
                Long.toString(seed)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the reference " + scriptName + " failed (Debian: apt-get install "
                    + "python3-sklearn, and python3-torch for the PyTorch one):\n" + out);
        }
        List<Double> seconds = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        List<Double> auc = new ArrayList<>();
        int ran = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f[0].equals("run")) {
                seconds.add(Double.parseDouble(f[1]));
                accuracy.add(Double.parseDouble(f[2]));
                auc.add(Double.parseDouble(f[3]));
                ran = Integer.parseInt(f[4]);
            }
        }
        return new Side(median(seconds), median(accuracy), median(auc), ran);
    }

    private static Path write(Path file, Examples e) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < e.rows(); r++) {
            s.append(e.labels()[r]);
            for (int c = 0; c < e.width(); c++) {
                s.append(',').append(e.features()[r * e.width() + c]);
            }
            s.append('\n');
        }
        return Files.writeString(file, s);
    }

    /**
     * A table of {@code rows} × 25 columns — 15 numeric (normal, skewed, bounded) and 10 categorical
     * (3 to 7 levels) — whose label follows a nonlinear rule of some of them, with 10 % of labels
     * flipped: a problem a hidden layer helps with and no model solves.
     */
    static Table generated(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int numeric = 15;
        int categorical = 10;
        int[] levels = {3, 4, 5, 6, 7, 3, 4, 5, 6, 7};
        double[][] num = new double[rows][numeric];
        int[][] cat = new int[rows][categorical];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < numeric; c++) {
                double g = gaussian(random);
                num[r][c] = switch (c % 3) {
                    case 0 -> g;
                    case 1 -> Math.exp(0.75 * g);
                    default -> random.nextDouble() * 10;
                };
            }
            for (int c = 0; c < categorical; c++) {
                cat[r][c] = random.nextInt(levels[c]);
            }
            double z = 1.2 * num[r][0] - 0.8 * num[r][1] + 0.15 * num[r][2] - 0.75
                    + 1.5 * Math.sin(num[r][3] * 1.5) + num[r][4] * num[r][6] * 0.6
                    + (cat[r][0] == 1 ? 1.0 : 0) - (cat[r][1] >= 2 ? 0.8 : 0) + (cat[r][2] == cat[r][3] ? 0.9 : -0.3);
            y[r] = z > 0 ? 1 : 0;
            if (random.nextDouble() < 0.10) {
                y[r] = 1 - y[r];
            }
        }
        List<String[]> cells = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String[] row = new String[numeric + categorical];
            for (int c = 0; c < numeric; c++) {
                row[c] = Double.toString(num[r][c]);
            }
            for (int c = 0; c < categorical; c++) {
                row[numeric + c] = "v" + cat[r][c];
            }
            cells.add(row);
        }
        Table t = encode(cells, y);
        return new Table(String.format(Locale.ROOT, "generated, %,d rows x 25 columns (15 numeric, 10 categorical), "
                + "nonlinear rule, 10 %% of labels flipped", rows), t.x(), y, t.columns());
    }

    /**
     * A CSV with a header, a 0/1 {@code label} column and other columns as features; {@code sensitive}
     * and the columns in {@code drop} (the sensitive attribute's source column, say) are no inputs.
     */
    static Table csv(Path file, List<String> drop) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        List<String> header = split(lines.get(0));
        int label = header.indexOf("label");
        if (label < 0) {
            throw new IllegalArgumentException(file + " has no 'label' column");
        }
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != label && !header.get(c).equals("sensitive") && !drop.contains(header.get(c))) {
                keep.add(c);
            }
        }
        List<String[]> cells = new ArrayList<>();
        int[] y = new int[lines.size() - 1];
        for (int r = 1; r < lines.size(); r++) {
            List<String> f = split(lines.get(r));
            y[r - 1] = (int) Math.round(Double.parseDouble(f.get(label)));
            cells.add(keep.stream().map(f::get).toArray(String[]::new));
        }
        Table t = encode(cells, y);
        return new Table(String.format(Locale.ROOT, "%s, %,d rows, features %s", file.getFileName(), y.length,
                keep.stream().map(header::get).toList()), t.x(), y, t.columns());
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            out.add(cell.trim().replaceAll("^\"|\"$", ""));
        }
        return out;
    }

    /**
     * Numeric columns (every filled cell a number) standardised, an empty cell at the mean (0);
     * other columns one-hot over their levels. Statistics over all rows: both sides see the same matrix.
     */
    private static Table encode(List<String[]> cells, int[] y) {
        int columns = cells.get(0).length;
        List<float[]> encodedColumns = new ArrayList<>();
        int numeric = 0;
        int categorical = 0;
        for (int c = 0; c < columns; c++) {
            final int col = c;
            boolean isNumeric = cells.stream().map(r -> r[col]).filter(v -> !v.isEmpty()).allMatch(TrainingBench::number);
            if (isNumeric) {
                numeric++;
                double[] v = cells.stream().mapToDouble(r -> r[col].isEmpty() ? Double.NaN : Double.parseDouble(r[col])).toArray();
                double m = Arrays.stream(v).filter(d -> !Double.isNaN(d)).average().orElse(0);
                double sd = Math.sqrt(Arrays.stream(v).filter(d -> !Double.isNaN(d)).map(d -> (d - m) * (d - m)).average().orElse(1));
                float[] out = new float[v.length];
                for (int r = 0; r < v.length; r++) {
                    out[r] = Double.isNaN(v[r]) ? 0f : (float) ((v[r] - m) / (sd > 0 ? sd : 1));
                }
                encodedColumns.add(out);
            } else {
                categorical++;
                TreeMap<String, Integer> levels = new TreeMap<>();
                cells.forEach(r -> levels.putIfAbsent(r[col], 0));
                for (String level : levels.keySet()) {
                    float[] out = new float[cells.size()];
                    for (int r = 0; r < out.length; r++) {
                        out[r] = cells.get(r)[col].equals(level) ? 1f : 0f;
                    }
                    encodedColumns.add(out);
                }
            }
        }
        float[][] x = new float[cells.size()][encodedColumns.size()];
        for (int c = 0; c < encodedColumns.size(); c++) {
            for (int r = 0; r < x.length; r++) {
                x[r][c] = encodedColumns.get(c)[r];
            }
        }
        return new Table("", x, y, numeric + " numeric (standardised), " + categorical + " categorical (one-hot)");
    }

    private static boolean number(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Examples examples(Table t, int[] rows) {
        int width = t.x()[0].length;
        float[] x = new float[rows.length * width];
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(t.x()[rows[i]], 0, x, i * width, width);
            y[i] = t.y()[rows[i]];
        }
        return new Examples(x, y, width);
    }

    static int[] shuffled(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /** Area under the ROC curve: the probability a random positive scores above a random negative (ties half). */
    static double auc(float[] scores, int[] labels) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Float.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && scores[idx[j + 1]] == scores[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[idx[k]] == 1) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    static double mean(int[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
