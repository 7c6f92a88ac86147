package io.driftloop.reference;

import com.yahoo.labs.samoa.instances.Instance;
import com.yahoo.labs.samoa.instances.InstancesHeader;
import moa.classifiers.Classifier;
import moa.classifiers.bayes.NaiveBayes;
import moa.streams.InstanceStream;
import moa.streams.generators.AgrawalGenerator;
import moa.streams.generators.HyperplaneGenerator;
import moa.streams.generators.RandomRBFGenerator;
import moa.streams.generators.SEAGenerator;

/**
 * MOA's synthetic streams with abrupt concept changes: concept {@code k} of a family is a
 * generator with another function (SEA, Agrawal) or another random model (hyperplane, RBF), and
 * a stream switches from one concept's generator to the next every {@code conceptLength} instances.
 */
public final class ConceptStreams {

    /** The stream families of the benchmark. */
    public enum Family {
        SEA, AGRAWAL, HYPERPLANE, RANDOM_RBF;

        /** A generator of concept {@code concept} (0-based); {@code seed} makes the instances. */
        public InstanceStream concept(int concept, int seed) {
            int instanceSeed = seed * 1_000 + concept;
            InstanceStream stream = switch (this) {
                case SEA -> {
                    SEAGenerator g = new SEAGenerator();
                    g.functionOption.setValue(1 + concept % 4);
                    g.instanceRandomSeedOption.setValue(instanceSeed);
                    yield g;
                }
                case AGRAWAL -> {
                    AgrawalGenerator g = new AgrawalGenerator();
                    g.functionOption.setValue(1 + concept % 10);
                    g.instanceRandomSeedOption.setValue(instanceSeed);
                    yield g;
                }
                case HYPERPLANE -> {
                    // the plane's weights come from the instance seed: a new seed is a new plane
                    HyperplaneGenerator g = new HyperplaneGenerator();
                    g.instanceRandomSeedOption.setValue(instanceSeed);
                    yield g;
                }
                case RANDOM_RBF -> {
                    RandomRBFGenerator g = new RandomRBFGenerator();
                    g.modelRandomSeedOption.setValue(instanceSeed);
                    g.instanceRandomSeedOption.setValue(instanceSeed);
                    yield g;
                }
            };
            ((moa.options.OptionHandler) stream).prepareForUse();
            return stream;
        }

        public String label() {
            return switch (this) {
                case SEA -> "SEA";
                case AGRAWAL -> "Agrawal";
                case HYPERPLANE -> "Hyperplane";
                case RANDOM_RBF -> "RandomRBF";
            };
        }
    }

    /** Instances of consecutive concepts, each {@code conceptLength} long. */
    public static final class Switching {
        private final InstanceStream[] concepts;
        private final int conceptLength;
        private long next;

        public Switching(Family family, int concepts, int conceptLength, int seed) {
            this.concepts = new InstanceStream[concepts];
            for (int k = 0; k < concepts; k++) {
                this.concepts[k] = family.concept(k, seed);
            }
            this.conceptLength = conceptLength;
        }

        public InstancesHeader header() {
            return concepts[0].getHeader();
        }

        public long length() {
            return (long) concepts.length * conceptLength;
        }

        public Instance next() {
            int k = (int) (next++ / conceptLength);
            return concepts[k].nextInstance().getData();
        }
    }

    /** A fresh MOA Naive Bayes learner for instances of {@code header}. */
    public static Classifier naiveBayes(InstancesHeader header) {
        NaiveBayes learner = new NaiveBayes();
        learner.setModelContext(header);
        learner.prepareForUse();
        return learner;
    }

    /** The prequential error stream (test, then train) of Naive Bayes on {@code stream}: 1 = wrong. */
    public static double[] prequentialErrors(Switching stream) {
        Classifier learner = naiveBayes(stream.header());
        double[] errors = new double[(int) stream.length()];
        for (int i = 0; i < errors.length; i++) {
            Instance instance = stream.next();
            errors[i] = learner.correctlyClassifies(instance) ? 0 : 1;
            learner.trainOnInstance(instance);
        }
        return errors;
    }

    private ConceptStreams() {
    }
}
