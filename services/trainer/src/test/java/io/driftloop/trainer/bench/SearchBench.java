package io.driftloop.trainer.bench;

import io.driftloop.contracts.dataset.Dataset;
import io.driftloop.contracts.dataset.DatasetRow;
import io.driftloop.contracts.dataset.Split;
import io.driftloop.contracts.model.FeatureEncoding;
import io.driftloop.contracts.spec.ModelSpec;
import io.driftloop.contracts.spec.ModelSpecs;
import io.driftloop.trainer.domain.Candidate;
import io.driftloop.trainer.domain.CandidateTrainer;
import io.driftloop.trainer.domain.Dl4jLearner;
import io.driftloop.trainer.domain.EpochListener;
import io.driftloop.trainer.domain.Examples;
import io.driftloop.trainer.domain.SearchPlan;
import io.driftloop.trainer.domain.TrainedModel;
import io.driftloop.trainer.domain.TrainingData;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The trainer's search against training every one of its configurations in full, on the same rows:
 * the spec's default recipe alone; the search (the baseline, then {@code --trials} configurations of
 * the default grid raced by successive halving, as the trainer runs it); and every raced
 * configuration fitted to {@code maxEpochs} with early stopping, the best on validation loss kept.
 * Prints each one's time, epochs, validation AUC and the AUC on the test split, which none of them
 * saw. One thread. Data as {@link TrainingBench} (generated, or a CSV with a {@code label} column).
 *
 * <pre>SearchBench [--csv FILE [--drop COL,COL]] [--rows 5000] [--trials 27] [--seed 7]</pre>
 */
public final class SearchBench {

    private SearchBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--rows", "5000", "--trials", "27", "--seed", "7"));
        for (int i = 0; i < args.length; i++) {
            if (List.of("--help", "-h").contains(args[i])) {
                System.out.println("options: --csv FILE --drop COL,COL --rows N --trials N --seed N");
                return;
            }
            if (!List.of("--csv", "--drop", "--rows", "--trials", "--seed").contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + " (--help)");
            }
            o.put(args[i], args[++i]);
        }
        long seed = Long.parseLong(o.get("--seed"));
        int trials = Integer.parseInt(o.get("--trials"));
        TrainingBench.Table table = o.containsKey("--csv") ? TrainingBench.csv(Path.of(o.get("--csv")),
                List.of(o.getOrDefault("--drop", "").split(",")))
                : TrainingBench.generated(Integer.parseInt(o.get("--rows")), seed);

        // the encoded table as a dataset of numeric features f0..fn, split 70/15/15 with the seed
        int width = table.x()[0].length;
        int[] order = TrainingBench.shuffled(table.y().length, seed);
        int nTrain = (int) Math.round(order.length * 0.70);
        int nValidation = (int) Math.round(order.length * 0.15);
        List<DatasetRow> rows = new ArrayList<>();
        for (int i = 0; i < order.length; i++) {
            int r = order[i];
            Map<String, Object> features = new LinkedHashMap<>();
            for (int c = 0; c < width; c++) {
                features.put("f" + c, (double) table.x()[r][c]);
            }
            Split split = i < nTrain ? Split.TRAIN : i < nTrain + nValidation ? Split.VALIDATION : Split.TEST;
            rows.add(new DatasetRow("r" + r, 0, i, split, features, Map.of(), table.y()[r]));
        }
        StringBuilder featureList = new StringBuilder();
        for (int c = 0; c < width; c++) {
            featureList.append(c == 0 ? "" : ", ").append("{name: f").append(c).append(", type: numeric}");
        }
        String base = "name: bench\ntask: binary-classification\nfeatures: [" + featureList + "]\n";
        ModelSpec recipeSpec = ModelSpecs.parse(base + "training: {seed: " + seed + ", search: {trials: 1, baseline: false}}\n");
        ModelSpec searchSpec = ModelSpecs.parse(base + "training: {seed: " + seed + ", search: {trials: " + trials + "}}\n");
        Dataset dataset = new Dataset("bench", "sha256:" + "0".repeat(64), List.of(), rows);
        System.out.printf(Locale.ROOT, "data: %s%n      %d columns; train %,d / validation %,d / test %,d (test used only "
                        + "for the last column); positive share %.2f%n", table.name(), width, nTrain, nValidation,
                order.length - nTrain - nValidation, TrainingBench.mean(table.y()));

        Dl4jLearner learner = new Dl4jLearner(1);
        CandidateTrainer trainer = new CandidateTrainer(learner, Clock.systemUTC(), "bench");
        String datasetId = "sha256:" + "1".repeat(64);
        trainer.train(recipeSpec, ModelSpecs.hash(recipeSpec), datasetId, dataset, EpochListener.NONE); // warm-up

        System.out.printf("%-34s %9s %7s %-36s %9s %9s%n", "", "seconds", "epochs", "chosen", "val AUC", "test AUC");
        long t0 = System.nanoTime();
        Candidate recipe = trainer.train(recipeSpec, ModelSpecs.hash(recipeSpec), datasetId, dataset, EpochListener.NONE);
        double recipeSeconds = (System.nanoTime() - t0) / 1e9;
        print("the default recipe alone", recipeSeconds, recipe.metrics().get("epochs").intValue(), recipe, dataset);

        t0 = System.nanoTime();
        Candidate searched = trainer.train(searchSpec, ModelSpecs.hash(searchSpec), datasetId, dataset,
                EpochListener.NONE);
        double searchSeconds = (System.nanoTime() - t0) / 1e9;
        print("search: baseline + " + trials + " by halving", searchSeconds, searched.report().epochs(), searched,
                dataset);

        // every raced configuration in full, the best on validation loss kept
        FeatureEncoding encoding = FeatureEncoding.fit(searchSpec,
                dataset.split(Split.TRAIN).stream().map(DatasetRow::features).toList());
        TrainingData data = new TrainingData(Examples.encode(encoding, dataset.split(Split.TRAIN)),
                Examples.encode(encoding, dataset.split(Split.VALIDATION)));
        t0 = System.nanoTime();
        TrainedModel best = null;
        SearchPlan.Trial bestTrial = null;
        int epochs = 0;
        for (SearchPlan.Trial t : SearchPlan.of(searchSpec.training()).raced()) {
            TrainedModel m = learner.fit(data, t.hyperparameters(), EpochListener.NONE);
            epochs += m.epochsRun();
            if (best == null || m.validationLoss() < best.validationLoss()) {
                best = m;
                bestTrial = t;
            }
        }
        double fullSeconds = (System.nanoTime() - t0) / 1e9;
        MultiLayerNetwork net = Dl4jLearner.restore(best.network());
        System.out.printf(Locale.ROOT, "%-34s %9.2f %7d %-36s %9.4f %9.4f%n", trials + " full fits, best kept", fullSeconds,
                epochs, describe(bestTrial.hyperparameters().asMap()), auc(net, encoding, dataset, Split.VALIDATION),
                auc(net, encoding, dataset, Split.TEST));
        System.out.printf(Locale.ROOT, "search time / full fits time: %.2f; search epochs %d of %d%n",
                searchSeconds / fullSeconds, searched.report().epochs(), epochs);
        System.out.println("winner's trials: " + searched.report().trials().stream()
                .filter(t -> t.chosen() || t.kind().equals("baseline"))
                .map(t -> t.kind() + " " + describe(t.hyperparameters()) + " val loss " + t.validation().get("loss"))
                .toList());
    }

    private static void print(String what, double seconds, int epochs, Candidate c, Dataset dataset) {
        MultiLayerNetwork net = Dl4jLearner.restore(c.artifact().network());
        System.out.printf(Locale.ROOT, "%-34s %9.2f %7d %-36s %9.4f %9.4f%n", what, seconds, epochs,
                describe(c.hyperparameters()), auc(net, c.artifact().encoding(), dataset, Split.VALIDATION),
                auc(net, c.artifact().encoding(), dataset, Split.TEST));
    }

    private static String describe(Map<String, Object> hp) {
        return hp.get("hiddenLayers") + " lr " + hp.get("learningRate") + (hp.containsKey("l2") ? " l2 " + hp.get("l2") : "")
                + (hp.containsKey("dropout") ? " do " + hp.get("dropout") : "");
    }

    private static double auc(MultiLayerNetwork net, FeatureEncoding encoding, Dataset dataset, Split split) {
        List<DatasetRow> rows = dataset.split(split);
        Examples e = Examples.encode(encoding, rows);
        return TrainingBench.auc(Dl4jLearner.positiveProbability(net, Dl4jLearner.matrix(e)), e.labels());
    }
}
