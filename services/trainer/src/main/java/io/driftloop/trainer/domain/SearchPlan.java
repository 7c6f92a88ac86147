package io.driftloop.trainer.domain;

import io.driftloop.contracts.spec.SearchSpec;
import io.driftloop.contracts.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * What a search will train, fixed before any training from the spec alone: the logistic-regression
 * baseline, the raced trials (the spec's own recipe first, then configurations drawn without
 * replacement from the grid of {@code training.search} with the spec's seed) and the rungs of
 * successive halving. The same spec gives the same plan. Immutable.
 */
public final class SearchPlan {

    public static final String BASELINE = "baseline";
    public static final String RACED = "from-scratch";

    /** One configuration to train; {@code index} is its place in the plan (the baseline is 0 when there is one). */
    public record Trial(int index, String kind, Hyperparameters hyperparameters) {
    }

    private final Trial baseline;
    private final List<Trial> raced;
    private final List<Integer> rungs;
    private final int eta;

    private SearchPlan(Trial baseline, List<Trial> raced, List<Integer> rungs, int eta) {
        this.baseline = baseline;
        this.raced = List.copyOf(raced);
        this.rungs = List.copyOf(rungs);
        this.eta = eta;
    }

    public static SearchPlan of(TrainingSpec training) {
        SearchSpec s = training.search();
        Hyperparameters recipe = Hyperparameters.of(training);
        Trial baseline = s.baseline()
                ? new Trial(0, BASELINE, new Hyperparameters(List.of(), recipe.learningRate(), recipe.batchSize(),
                        recipe.maxEpochs(), recipe.patience(), recipe.seed(), 0, 0, recipe.classWeights()))
                : null;
        int first = baseline == null ? 0 : 1;
        List<Trial> raced = new ArrayList<>();
        int i = first;
        for (Hyperparameters hp : draw(recipe, s)) {
            raced.add(new Trial(i++, RACED, hp));
        }
        return new SearchPlan(baseline, raced, rungs(raced.size(), s.eta(), s.minEpochs(), training.maxEpochs()),
                s.eta());
    }

    /**
     * The recipe, then up to {@code trials - 1} other configurations of the grid (hidden layers ×
     * learning rate × batch size × L2 × dropout, in that nesting) in an order shuffled with the
     * recipe's seed. Dropout means nothing without a hidden layer, so such configurations take 0.
     */
    static List<Hyperparameters> draw(Hyperparameters recipe, SearchSpec s) {
        Set<Hyperparameters> grid = new LinkedHashSet<>();
        for (List<Integer> layers : s.hiddenLayers()) {
            for (double rate : s.learningRate()) {
                for (int batch : s.batchSize()) {
                    for (double l2 : s.l2()) {
                        for (double dropout : s.dropout()) {
                            grid.add(new Hyperparameters(layers, rate, batch, recipe.maxEpochs(), recipe.patience(),
                                    recipe.seed(), l2, layers.isEmpty() ? 0 : dropout, recipe.classWeights()));
                        }
                    }
                }
            }
        }
        grid.remove(recipe);
        List<Hyperparameters> others = new ArrayList<>(grid);
        SplittableRandom random = new SplittableRandom(recipe.seed());
        for (int j = others.size() - 1; j > 0; j--) {
            int k = random.nextInt(j + 1);
            Hyperparameters t = others.get(j);
            others.set(j, others.get(k));
            others.set(k, t);
        }
        List<Hyperparameters> drawn = new ArrayList<>();
        drawn.add(recipe);
        drawn.addAll(others.subList(0, Math.min(others.size(), s.trials() - 1)));
        return drawn;
    }

    /**
     * The epochs each rung trains its trials to: {@code minEpochs}, then ×{@code eta} while more than
     * one trial is left and fewer than {@code maxEpochs} are reached; the last rung trains the one
     * (or the last few) left to {@code maxEpochs}.
     */
    static List<Integer> rungs(int trials, int eta, int minEpochs, int maxEpochs) {
        List<Integer> rungs = new ArrayList<>();
        int left = trials;
        long epochs = minEpochs;
        while (left > 1 && epochs < maxEpochs) {
            rungs.add((int) epochs);
            left = Math.max(1, left / eta);
            epochs *= eta;
        }
        rungs.add(maxEpochs);
        return rungs;
    }

    public Optional<Trial> baseline() {
        return Optional.ofNullable(baseline);
    }

    /** The raced trials, the spec's recipe first. */
    public List<Trial> raced() {
        return raced;
    }

    public List<Integer> rungs() {
        return rungs;
    }

    /** How many trials rung {@code rung} (from 0) trains: every raced trial, then 1/eta fewer each rung. */
    public int trialsAt(int rung) {
        int left = raced.size();
        for (int k = 0; k < rung; k++) {
            left = Math.max(1, left / eta);
        }
        return left;
    }

    /**
     * The {@code count} best of {@code losses} (trial index → loss, lower is better; a loss that is
     * not a finite number ranks last; ties go to the lower index), best first.
     */
    public static List<Integer> best(Map<Integer, Double> losses, int count) {
        Comparator<Map.Entry<Integer, Double>> byLoss = Comparator.comparingDouble(
                e -> Double.isFinite(e.getValue()) ? e.getValue() : Double.POSITIVE_INFINITY);
        return losses.entrySet().stream()
                .sorted(byLoss.thenComparing(Map.Entry::getKey))
                .limit(count)
                .map(Map.Entry::getKey)
                .toList();
    }
}
