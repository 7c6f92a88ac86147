package io.driftloop.driftdetector.domain.concept;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Error streams of fixed seed: 1 = wrong prediction, 0 = right. */
final class ErrorStreams {

    private ErrorStreams() {
    }

    /** {@code n} errors, each 1 with probability {@code rate}. */
    static double[] bernoulli(long seed, int n, double rate) {
        return abrupt(seed, n, rate, 0, rate);
    }

    /** {@code before} errors at rate {@code rateBefore}, then {@code after} at {@code rateAfter}. */
    static double[] abrupt(long seed, int before, double rateBefore, int after, double rateAfter) {
        Random random = new Random(seed);
        double[] errors = new double[before + after];
        for (int i = 0; i < errors.length; i++) {
            double rate = i < before ? rateBefore : rateAfter;
            errors[i] = random.nextDouble() < rate ? 1 : 0;
        }
        return errors;
    }

    /** The signals of {@code detector} on {@code errors}, one per value. */
    static List<Signal> run(ConceptDriftDetector detector, double[] errors) {
        List<Signal> signals = new ArrayList<>(errors.length);
        for (double e : errors) {
            signals.add(detector.update(e));
        }
        return signals;
    }

    /** The indices at which {@code signal} was given. */
    static List<Integer> indices(List<Signal> signals, Signal signal) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < signals.size(); i++) {
            if (signals.get(i) == signal) {
                at.add(i);
            }
        }
        return at;
    }
}
