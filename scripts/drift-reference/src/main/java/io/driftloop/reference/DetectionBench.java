package io.driftloop.reference;

import com.yahoo.labs.samoa.instances.Instance;
import io.driftloop.driftdetector.domain.concept.ConceptDriftMonitor;
import io.driftloop.driftdetector.domain.concept.ConceptDriftPolicy;
import io.driftloop.driftdetector.domain.concept.DetectorKind;
import io.driftloop.reference.ConceptStreams.Family;
import io.driftloop.reference.ConceptStreams.Switching;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import moa.classifiers.Classifier;
import moa.classifiers.core.driftdetection.AbstractChangeDetector;

/**
 * Detection benchmark on MOA's synthetic streams: SEA, Agrawal, hyperplane and RandomRBF, each
 * with abrupt concept changes every 25,000 instances (4 concepts, 3 known drifts) and as a
 * stationary stream of 100,000 instances, for several seeds. The learner is MOA's Naive Bayes,
 * run prequentially (test, then train).
 *
 * <ul>
 *   <li>Reference: MOA's ADWIN (defaults) on the error stream of one learner that is never
 *       replaced: every detection counts.</li>
 *   <li>Driftloop: the drift-detector's {@link ConceptDriftMonitor} on the champion's error stream
 *       with the service's trigger rule: an alarm issues a retraining request, further alarms are
 *       folded into it while it is in flight; the retraining completes after {@code retrain}
 *       labelled instances, when the learner is replaced by a fresh one trained on the instances
 *       since the alarm, a new champion version is announced and the monitor resets.</li>
 * </ul>
 *
 * <p>A drift is found when a detection (request) falls between it and the next drift; the delay
 * is the first one's distance from the drift. Detections before the first drift of a stream and
 * on stationary streams are false alarms.
 *
 * <p>Usage: {@code DetectionBench [--seeds N] [--retrain N] [--grace N]} (defaults 5 seeds, 1,000
 * instances, the monitor's default grace period).
 */
public final class DetectionBench {

    static final int CONCEPT_LENGTH = 25_000;
    static final int CONCEPTS = 4;
    static final int STATIONARY_LENGTH = 100_000;

    /** Detections of one run, as instance indices, and the retraining requests where there are any. */
    record Run(List<Integer> detections, List<Integer> requests, int folded) {
    }

    /** Per-drift outcome of a stream. */
    static final class Tally {
        int drifts;
        int found;
        int exactlyOne;
        final List<Integer> delays = new ArrayList<>();
        /** Per drift, in order of streams and drifts: its delay, or -1 when it was not found. */
        final List<Integer> perDrift = new ArrayList<>();
        int inDriftSegments;
        int beforeFirstDrift;
        int stationaryFalse;
        long stationaryInstances;
        int folded;

        void addDriftStream(List<Integer> events, int length) {
            for (int e : events) {
                if (e < CONCEPT_LENGTH) {
                    beforeFirstDrift++;
                }
            }
            for (int d = 1; d < CONCEPTS; d++) {
                int start = d * CONCEPT_LENGTH;
                int end = d + 1 < CONCEPTS ? (d + 1) * CONCEPT_LENGTH : length;
                List<Integer> in = events.stream().filter(e -> e >= start && e < end).toList();
                drifts++;
                inDriftSegments += in.size();
                if (!in.isEmpty()) {
                    found++;
                    delays.add(in.get(0) - start);
                }
                perDrift.add(in.isEmpty() ? -1 : in.get(0) - start);
                if (in.size() == 1) {
                    exactlyOne++;
                }
            }
        }

        void addStationary(List<Integer> events, int length) {
            stationaryFalse += events.size();
            stationaryInstances += length;
        }

        double medianDelay() {
            return median(delays);
        }

        /** The median of (this delay − reference delay) over the drifts both found. */
        double pairedDelayDifference(Tally reference) {
            List<Integer> differences = new ArrayList<>();
            for (int i = 0; i < perDrift.size(); i++) {
                if (perDrift.get(i) >= 0 && reference.perDrift.get(i) >= 0) {
                    differences.add(perDrift.get(i) - reference.perDrift.get(i));
                }
            }
            return median(differences);
        }

        static double median(List<Integer> values) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            List<Integer> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        }

        double perDrift(int events) {
            return drifts == 0 ? Double.NaN : (double) events / drifts;
        }

        double repeatsPerFoundDrift() {
            return found == 0 ? Double.NaN : (double) (inDriftSegments - found) / found;
        }

        double falsePer100k() {
            return stationaryInstances == 0 ? Double.NaN : stationaryFalse * 100_000.0 / stationaryInstances;
        }

        void add(Tally other) {
            drifts += other.drifts;
            found += other.found;
            exactlyOne += other.exactlyOne;
            delays.addAll(other.delays);
            perDrift.addAll(other.perDrift);
            inDriftSegments += other.inDriftSegments;
            beforeFirstDrift += other.beforeFirstDrift;
            stationaryFalse += other.stationaryFalse;
            stationaryInstances += other.stationaryInstances;
            folded += other.folded;
        }
    }

    /** MOA's ADWIN on the prequential errors of one Naive Bayes learner. */
    static Run reference(Switching stream) {
        Classifier learner = ConceptStreams.naiveBayes(stream.header());
        AbstractChangeDetector adwin = MoaDetectors.of(DetectorKind.ADWIN);
        List<Integer> detections = new ArrayList<>();
        for (int i = 0; i < stream.length(); i++) {
            Instance instance = stream.next();
            adwin.input(learner.correctlyClassifies(instance) ? 0 : 1);
            learner.trainOnInstance(instance);
            if (adwin.getChange()) {
                detections.add(i);
            }
        }
        return new Run(detections, detections, 0);
    }

    /** The monitor with the service's trigger rule and a retraining that takes {@code retrain} instances. */
    static Run driftloop(Switching stream, ConceptDriftPolicy policy, int retrain) {
        String model = "bench";
        ConceptDriftMonitor monitor = new ConceptDriftMonitor(policy);
        Classifier learner = ConceptStreams.naiveBayes(stream.header());
        int champion = 1;
        monitor.championChanged(model, champion);
        List<Integer> alarms = new ArrayList<>();
        List<Integer> requests = new ArrayList<>();
        List<Instance> sinceAlarm = new ArrayList<>();
        boolean inFlight = false;
        int folded = 0;
        for (int i = 0; i < stream.length(); i++) {
            Instance instance = stream.next();
            boolean wrong = !learner.correctlyClassifies(instance);
            boolean alarm = monitor.observe(model, champion, champion, wrong).isPresent();
            learner.trainOnInstance(instance);
            if (inFlight) {
                sinceAlarm.add(instance);
                if (sinceAlarm.size() >= retrain) {
                    // the retrained model: a fresh learner fitted to the instances since the alarm
                    learner = ConceptStreams.naiveBayes(stream.header());
                    for (Instance x : sinceAlarm) {
                        learner.trainOnInstance(x);
                    }
                    sinceAlarm.clear();
                    inFlight = false;
                    champion++;
                    monitor.championChanged(model, champion);
                }
            }
            if (alarm) {
                alarms.add(i);
                if (inFlight) {
                    folded++;
                } else {
                    requests.add(i);
                    inFlight = true;
                }
            }
        }
        return new Run(alarms, requests, folded);
    }

    public static void main(String[] args) {
        int seeds = 5;
        int retrain = 1_000;
        int grace = ConceptDriftPolicy.DEFAULT_GRACE_PERIOD;
        for (int a = 0; a < args.length; a++) {
            switch (args[a]) {
                case "--seeds" -> seeds = Integer.parseInt(args[++a]);
                case "--retrain" -> retrain = Integer.parseInt(args[++a]);
                case "--grace" -> grace = Integer.parseInt(args[++a]);
                default -> throw new IllegalArgumentException("unknown argument " + args[a]
                        + "; usage: DetectionBench [--seeds N] [--retrain N] [--grace N]");
            }
        }
        long started = System.nanoTime();
        DetectorKind[] kinds = DetectorKind.values();
        Family[] families = Family.values();
        Tally[] ref = new Tally[families.length + 1];
        Tally[][] ours = new Tally[kinds.length][families.length + 1];
        for (int f = 0; f <= families.length; f++) {
            ref[f] = new Tally();
            for (int k = 0; k < kinds.length; k++) {
                ours[k][f] = new Tally();
            }
        }
        for (int f = 0; f < families.length; f++) {
            for (int seed = 1; seed <= seeds; seed++) {
                int driftLength = CONCEPTS * CONCEPT_LENGTH;
                ref[f].addDriftStream(reference(new Switching(families[f], CONCEPTS, CONCEPT_LENGTH, seed)).detections(),
                        driftLength);
                ref[f].addStationary(reference(new Switching(families[f], 1, STATIONARY_LENGTH, seed)).detections(),
                        STATIONARY_LENGTH);
                for (int k = 0; k < kinds.length; k++) {
                    ConceptDriftPolicy policy = new ConceptDriftPolicy(kinds[k], grace);
                    Run drift = driftloop(new Switching(families[f], CONCEPTS, CONCEPT_LENGTH, seed), policy, retrain);
                    ours[k][f].addDriftStream(drift.requests(), driftLength);
                    ours[k][f].folded += drift.folded();
                    Run stationary = driftloop(new Switching(families[f], 1, STATIONARY_LENGTH, seed), policy, retrain);
                    ours[k][f].addStationary(stationary.requests(), STATIONARY_LENGTH);
                    ours[k][f].folded += stationary.folded();
                }
            }
            ref[families.length].add(ref[f]);
            for (int k = 0; k < kinds.length; k++) {
                ours[k][families.length].add(ours[k][f]);
            }
        }

        System.out.printf(Locale.ROOT, "Concept-drift detection: MOA Naive Bayes, prequential; %d seeds; drift streams of %d "
                + "concepts x %,d instances (%d abrupt drifts each), stationary streams of %,d; retraining takes %,d "
                + "labelled instances; grace period after a reset %d.%n%n", seeds, CONCEPTS, CONCEPT_LENGTH, CONCEPTS - 1,
                STATIONARY_LENGTH, retrain, grace);
        System.out.println("(a) Reference: MOA ADWINChangeDetector (defaults) on the error stream, every detection counted");
        String refHead = String.format(Locale.ROOT, "%-11s %6s %6s %10s %11s %13s %12s", "stream", "drifts", "found",
                "med.delay", "repeats/dr", "false<1stdr", "false/100k");
        System.out.println(refHead);
        System.out.println("-".repeat(refHead.length()));
        for (int f = 0; f <= families.length; f++) {
            Tally t = ref[f];
            System.out.printf(Locale.ROOT, "%-11s %6d %6d %10.0f %11.2f %13d %12.2f%n", label(families, f), t.drifts, t.found,
                    t.medianDelay(), t.repeatsPerFoundDrift(), t.beforeFirstDrift, t.falsePer100k());
        }
        System.out.println();
        System.out.println("(b) Driftloop: ConceptDriftMonitor + one retraining in flight, alarms folded into it; "
                + "delay/ref = median delay / (a)'s, paired.d = median of (delay - (a)'s delay) over drifts both found");
        String head = String.format(Locale.ROOT, "%-13s %-11s %6s %7s %10s %10s %9s %10s %10s %7s %12s %10s", "detector",
                "stream", "drifts", "found%", "req/drift", "exactly1", "med.delay", "delay/ref", "paired.d", "folded",
                "false<1stdr", "falseRetr");
        System.out.println(head);
        System.out.println("-".repeat(head.length()));
        List<String> missed = new ArrayList<>();
        for (int k = 0; k < kinds.length; k++) {
            for (int f = 0; f <= families.length; f++) {
                Tally t = ours[k][f];
                double ratio = t.medianDelay() / ref[f].medianDelay();
                System.out.printf(Locale.ROOT, "%-13s %-11s %6d %6.0f%% %10.2f %6d/%-3d %9.0f %10.2f %+10.0f %7d %12d %10d%n",
                        kinds[k].id(), label(families, f), t.drifts, 100.0 * t.found / t.drifts, t.perDrift(t.inDriftSegments),
                        t.exactlyOne, t.drifts, t.medianDelay(), ratio, t.pairedDelayDifference(ref[f]), t.folded,
                        t.beforeFirstDrift, t.stationaryFalse);
                if (f == families.length) {
                    continue;
                }
                String where = kinds[k].id() + " on " + families[f].label();
                if (t.found < t.drifts) {
                    missed.add(where + ": " + (t.drifts - t.found) + " of " + t.drifts + " drifts not found");
                }
                if (t.medianDelay() > ref[f].medianDelay()) {
                    missed.add(where + String.format(Locale.ROOT, ": median delay %.0f > reference %.0f", t.medianDelay(),
                            ref[f].medianDelay()));
                }
                if (t.exactlyOne < t.drifts) {
                    missed.add(where + ": " + (t.drifts - t.exactlyOne) + " of " + t.drifts
                            + " drifts without exactly one retraining request");
                }
                if (t.stationaryFalse > 0 || t.beforeFirstDrift > 0) {
                    missed.add(where + ": " + t.stationaryFalse + " false retraining(s) on stationary streams, "
                            + t.beforeFirstDrift + " before the first drift");
                }
            }
            System.out.println();
        }
        System.out.println("Targets (every drift found, median delay <= reference, exactly one request per drift, "
                + "no false retraining):");
        if (missed.isEmpty()) {
            System.out.println("  all met");
        } else {
            missed.forEach(m -> System.out.println("  MISSED " + m));
        }
        System.out.printf(Locale.ROOT, "%nran in %.0f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static String label(Family[] families, int f) {
        return f == families.length ? "all" : families[f].label();
    }

    private DetectionBench() {
    }
}
