package io.driftloop.trainer.domain;

import io.driftloop.contracts.model.NetworkArchive;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import io.driftloop.contracts.events.LayerDiagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A DeepLearning4J multilayer perceptron: dense ReLU hidden layers (Xavier initialisation) and a
 * softmax output of two units trained with multi-class cross-entropy, so output column 1 is
 * P(label = 1); without hidden layers, a logistic regression. Optional L2 on the weights and dropout
 * on the hidden layers' outputs. Adam, FLOAT data, minibatches sliced straight from the rows in a per-epoch order from
 * {@link EpochShuffle}; rows of a weighted dataset count by their weight in the training and
 * validation losses.
 * Each epoch reports the mean of its minibatch losses and the validation loss and accuracy from one
 * forward pass over the validation split; the parameters of the epoch with the lowest validation
 * loss ({@link EarlyStopping}) are kept.
 * The network is serialised with {@link ModelSerializer} (no updater state) and re-zipped with
 * fixed entry times, so equal training gives equal bytes. Stateless and thread-safe.
 */
public final class Dl4jLearner implements Learner {

    /** A learner with ND4J's own thread settings. */
    public Dl4jLearner() {
    }

    /**
     * A learner that first limits ND4J's native threads (OpenMP and BLAS) for the whole process to
     * {@code threads}; 0 keeps ND4J's default (one per core). Small networks train several times
     * faster on one thread than on contended cores, because per-operation overhead dominates.
     */
    public Dl4jLearner(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (ND4J default) or positive, was " + threads);
        }
        if (threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
    }

    @Override
    public Training start(TrainingData data, Hyperparameters hp) {
        return new Session(network(data.width(), hp), data, hp, false);
    }

    @Override
    public Training resume(TrainingData data, byte[] network, Hyperparameters hp) {
        MultiLayerNetwork net = restore(network);
        if (net.layerInputSize(0) != data.width()) {
            throw new IllegalArgumentException("the network takes " + net.layerInputSize(0) + " inputs, the data has "
                    + data.width());
        }
        net.setLearningRate(hp.learningRate());
        return new Session(net, data, hp, true);
    }

    @Override
    public Training restore(TrainingData data, Hyperparameters hp, byte[] checkpoint) {
        Map<String, byte[]> entries = Zips.unzip(checkpoint);
        byte[] network = entries.get(NETWORK_ENTRY);
        byte[] state = entries.get(STATE_ENTRY);
        byte[] best = entries.get(BEST_ENTRY);
        if (network == null || state == null || best == null || entries.size() != 3) {
            throw new IllegalArgumentException("not a training checkpoint: entries " + entries.keySet());
        }
        NetworkArchive.requireSafe(network);
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(network), true);
        } catch (IOException e) {
            throw new UncheckedIOException("not a serialised DL4J network", e);
        }
        if (net.layerInputSize(0) != data.width()) {
            throw new IllegalArgumentException("the checkpoint's network takes " + net.layerInputSize(0)
                    + " inputs, the data has " + data.width());
        }
        return new Session(net, data, hp, Saved.read(state, best));
    }

    /** Entries of a checkpoint: the network with its updater state, the bookkeeping, the best parameters. */
    private static final String NETWORK_ENTRY = "network.zip";
    private static final String STATE_ENTRY = "state.bin";
    private static final String BEST_ENTRY = "best.bin";

    /** What a session knows besides its network, as a checkpoint holds it. */
    private record Saved(boolean fromStart, int epochs, int bestEpoch, double bestLoss, double bestTrainLoss,
                         Double bestValidationLoss, Double bestValidationAccuracy, String diverged, float[] best) {

        byte[] state() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(1); // format version
                out.writeBoolean(fromStart);
                out.writeInt(epochs);
                out.writeInt(bestEpoch);
                out.writeDouble(bestLoss);
                out.writeDouble(bestTrainLoss);
                writeNullable(out, bestValidationLoss);
                writeNullable(out, bestValidationAccuracy);
                out.writeBoolean(diverged != null);
                if (diverged != null) {
                    out.writeUTF(diverged);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        byte[] bestBytes() {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(best.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(best);
            return b.array();
        }

        static Saved read(byte[] state, byte[] bestBytes) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
                int version = in.readInt();
                if (version != 1) {
                    throw new IllegalArgumentException("checkpoint format " + version + " is not known");
                }
                boolean fromStart = in.readBoolean();
                int epochs = in.readInt();
                int bestEpoch = in.readInt();
                double bestLoss = in.readDouble();
                double bestTrainLoss = in.readDouble();
                Double bestValidationLoss = readNullable(in);
                Double bestValidationAccuracy = readNullable(in);
                String diverged = in.readBoolean() ? in.readUTF() : null;
                float[] best = new float[bestBytes.length / 4];
                java.nio.ByteBuffer.wrap(bestBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(best);
                return new Saved(fromStart, epochs, bestEpoch, bestLoss, bestTrainLoss, bestValidationLoss,
                        bestValidationAccuracy, diverged, best);
            } catch (IOException e) {
                throw new IllegalArgumentException("a damaged checkpoint: " + e.getMessage(), e);
            }
        }

        private static void writeNullable(DataOutputStream out, Double v) throws IOException {
            out.writeBoolean(v != null);
            if (v != null) {
                out.writeDouble(v);
            }
        }

        private static Double readNullable(DataInputStream in) throws IOException {
            return in.readBoolean() ? in.readDouble() : null;
        }
    }

    /**
     * One network in training; {@code fromStart}: epoch 0 (the start) competes.
     * An epoch is one {@code fit} over an iterator of its minibatches (a {@code fit(DataSet)} call
     * per minibatch costs half as much again); its training loss is the mean of the minibatch
     * losses DL4J computes anyway on the way (each before its own update, as Keras and scikit-learn
     * report it), and the validation split is run forward once per epoch for both its loss and its
     * accuracy: no extra pass over the training rows. ND4J's random stream (dropout) is re-seeded
     * from the seed and the epoch before each epoch, so a session advanced in steps, with other
     * sessions trained in between, draws the same masks as one trained in one go. A training loss
     * that is not a finite number stops the session (diverged).
     */
    private static final class Session implements Training {

        private final MultiLayerNetwork net;
        private final TrainingData data;
        private final Hyperparameters hp;
        private final boolean fromStart;
        private final DataSet validation;
        private final EarlyStopping stopping;
        private final MinibatchLosses losses = new MinibatchLosses();
        private INDArray best;
        private double bestTrainLoss = Double.NaN;
        private Double bestValidationLoss;
        private Double bestValidationAccuracy;
        private String diverged;

        /** A session resumed from a checkpoint's bookkeeping. */
        Session(MultiLayerNetwork net, TrainingData data, Hyperparameters hp, Saved saved) {
            this.net = net;
            this.data = data;
            this.hp = hp;
            this.fromStart = saved.fromStart();
            this.validation = data.validation().isEmpty() ? null : dataSet(data.validation(), null);
            if (saved.best().length != net.numParams()) {
                throw new IllegalArgumentException("the checkpoint's best parameters (" + saved.best().length
                        + ") do not fit its network (" + net.numParams() + ")");
            }
            this.best = Nd4j.create(saved.best(), new long[] {1, saved.best().length}, DataType.FLOAT);
            this.bestTrainLoss = saved.bestTrainLoss();
            this.bestValidationLoss = saved.bestValidationLoss();
            this.bestValidationAccuracy = saved.bestValidationAccuracy();
            this.diverged = saved.diverged();
            this.stopping = EarlyStopping.resumed(hp.patience(), hp.maxEpochs(), saved.epochs(), saved.bestEpoch(),
                    saved.bestLoss());
        }

        @Override
        public byte[] checkpoint() {
            ByteArrayOutputStream network = new ByteArrayOutputStream();
            try {
                ModelSerializer.writeModel(net, network, true);
                Saved saved = new Saved(fromStart, stopping.epochs(), stopping.bestEpoch(), stopping.bestLoss(),
                        bestTrainLoss, bestValidationLoss, bestValidationAccuracy, diverged, best.toFloatVector());
                Map<String, byte[]> entries = new LinkedHashMap<>();
                entries.put(NETWORK_ENTRY, withFixedEntryTimes(network.toByteArray()));
                entries.put(STATE_ENTRY, saved.state());
                entries.put(BEST_ENTRY, saved.bestBytes());
                return Zips.zip(entries);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the checkpoint", e);
            }
        }

        Session(MultiLayerNetwork net, TrainingData data, Hyperparameters hp, boolean fromStart) {
            this.net = net;
            this.data = data;
            this.hp = hp;
            this.fromStart = fromStart;
            this.validation = data.validation().isEmpty() ? null : dataSet(data.validation(), null);
            this.best = net.params().dup();
            double startLoss = Double.POSITIVE_INFINITY;
            if (fromStart) {
                bestTrainLoss = net.score(dataSet(data.train(), null));
                Scored scored = validation == null ? null : Scored.of(net, validation, data.validation());
                bestValidationLoss = scored == null ? null : scored.loss();
                bestValidationAccuracy = scored == null ? null : scored.accuracy();
                startLoss = bestValidationLoss == null ? bestTrainLoss : bestValidationLoss;
            }
            this.stopping = new EarlyStopping(hp.patience(), hp.maxEpochs(), startLoss);
        }

        @Override
        public boolean advance(int until, EpochListener listener) {
            net.setListeners(losses);
            while (diverged == null && !stopping.shouldStop() && stopping.epochs() < until) {
                int epoch = stopping.epochs() + 1;
                List<DataSet> batches = minibatches(data.train(), EpochShuffle.order(data.train().rows(), hp.seed(), epoch),
                        hp.batchSize());
                losses.reset(batches.size());
                INDArray[] before = weights(net, true);
                Nd4j.getRandom().setSeed(hp.seed() * 1_000_003L + epoch);
                net.fit(new ExistingDataSetIterator(batches));
                double trainLoss = losses.mean();
                List<INDArray> activations = validation == null ? null : net.feedForward(validation.getFeatures(), false);
                Scored scored = activations == null ? null
                        : Scored.of(activations.get(activations.size() - 1), data.validation());
                List<LayerDiagnostics> layers = diagnostics(before, losses.gradientNorms, activations);
                Double validationLoss = scored == null ? null : scored.loss();
                double monitored = validationLoss == null ? trainLoss : validationLoss;
                boolean improved = stopping.record(monitored);
                if (improved) {
                    best = net.params().dup();
                    bestTrainLoss = trainLoss;
                    bestValidationLoss = validationLoss;
                    bestValidationAccuracy = scored == null ? null : scored.accuracy();
                }
                if (!Double.isFinite(trainLoss) || !Double.isFinite(monitored)) {
                    diverged = String.format(Locale.ROOT, "exploding loss: the %s loss was %s at epoch %d",
                            Double.isFinite(trainLoss) ? "validation" : "training",
                            Double.isFinite(trainLoss) ? monitored : trainLoss, epoch);
                } else if (layers.stream().allMatch(l -> l.updateNorm() < 1e-12)) {
                    diverged = "vanishing gradients: no weight changed in epoch " + epoch;
                }
                listener.onEpoch(new EpochReport(epoch, hp.maxEpochs(), trainLoss, validationLoss, improved,
                        scored == null ? null : scored.accuracy(), layers));
            }
            net.setListeners();
            return stopReason() == null;
        }

        /**
         * Per layer: the weights' norm, how far they moved this epoch, the last minibatch's gradient
         * norm and, for a hidden ReLU layer, the share of units silent on every validation row.
         */
        private List<LayerDiagnostics> diagnostics(INDArray[] before, double[] gradientNorms, List<INDArray> activations) {
            INDArray[] after = weights(net, false);
            List<LayerDiagnostics> layers = new ArrayList<>(after.length);
            for (int i = 0; i < after.length; i++) {
                Double dead = null;
                if (activations != null && i < after.length - 1) {
                    INDArray units = activations.get(i + 1).max(0);
                    dead = units.eq(0.0).castTo(DataType.FLOAT).sumNumber().doubleValue() / units.length();
                }
                layers.add(new LayerDiagnostics(i, after[i].norm2Number().doubleValue(),
                        after[i].sub(before[i]).norm2Number().doubleValue(),
                        i < gradientNorms.length ? gradientNorms[i] : Double.NaN, dead));
            }
            return layers;
        }

        @Override
        public int epochs() {
            return stopping.epochs();
        }

        @Override
        public int bestEpoch() {
            return stopping.bestEpoch();
        }

        @Override
        public double bestLoss() {
            return stopping.bestLoss();
        }

        @Override
        public Double bestValidationAccuracy() {
            return bestValidationAccuracy;
        }

        @Override
        public String stopReason() {
            if (diverged != null) {
                return diverged;
            }
            if (!stopping.shouldStop()) {
                return null;
            }
            return stopping.epochs() >= hp.maxEpochs() ? "maxEpochs" : "patience";
        }

        @Override
        public boolean diverged() {
            return diverged != null;
        }

        @Override
        public TrainedModel finish() {
            net.setParams(best);
            float[] scores = validation == null ? new float[0] : positiveProbability(net, validation.getFeatures());
            return new TrainedModel(serialise(net), stopping.epochs(), stopping.bestEpoch(), bestTrainLoss,
                    bestValidationLoss, scores);
        }
    }

    /**
     * The row-weighted mean of the minibatch losses since the last {@link #reset}, as DL4J reports
     * them, and the norm of each layer's weight gradient on the epoch's last minibatch (read while
     * DL4J still holds it, before the update).
     */
    static final class MinibatchLosses extends BaseTrainingListener {

        private double sum;
        private long rows;
        private int batches;
        private int seen;
        double[] gradientNorms = new double[0];

        void reset(int batchesInEpoch) {
            sum = 0;
            rows = 0;
            seen = 0;
            batches = batchesInEpoch;
        }

        double mean() {
            return rows == 0 ? Double.NaN : sum / rows;
        }

        @Override
        public void onGradientCalculation(Model model) {
            if (++seen != batches) {
                return;
            }
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            gradientNorms = new double[net.getnLayers()];
            for (int i = 0; i < gradientNorms.length; i++) {
                INDArray g = net.gradient().getGradientFor(i + "_" + DefaultParamInitializer.WEIGHT_KEY);
                gradientNorms[i] = g == null ? Double.NaN : g.norm2Number().doubleValue();
            }
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            long n = model.batchSize();
            sum += model.score() * n;
            rows += n;
        }
    }

    /**
     * The validation split's loss and accuracy from one forward pass: the loss is the output layer's
     * (multi-class cross-entropy of the softmax, probabilities clipped at 1e-10 as DL4J clips them,
     * each row counted by its weight, averaged over the rows), the accuracy the share of rows whose
     * P(label = 1) ≥ 0.5 matches the label (unweighted).
     */
    record Scored(double loss, double accuracy) {

        static final double CLIP = 1e-10;

        static Scored of(MultiLayerNetwork net, DataSet split, Examples rows) {
            return of(net.output(split.getFeatures(), false), rows);
        }

        /** From the network's output (rows × 2 probabilities) for {@code rows}. */
        static Scored of(INDArray output, Examples rows) {
            float[][] p = output.toFloatMatrix();
            int[] labels = rows.labels();
            float[] weights = rows.weights();
            double loss = 0;
            float[] positive = new float[labels.length];
            for (int i = 0; i < labels.length; i++) {
                double q = Math.min(1 - CLIP, Math.max(CLIP, p[i][labels[i]]));
                loss -= (weights == null ? 1 : weights[i]) * Math.log(q);
                positive[i] = p[i][1];
            }
            return new Scored(loss / labels.length, CandidateTrainer.accuracy(positive, labels));
        }
    }

    /** Each layer's weights, copied when {@code copy} (to compare after an epoch). */
    private static INDArray[] weights(MultiLayerNetwork net, boolean copy) {
        INDArray[] w = new INDArray[net.getnLayers()];
        for (int i = 0; i < w.length; i++) {
            INDArray p = net.getLayer(i).getParam(DefaultParamInitializer.WEIGHT_KEY);
            w[i] = copy ? p.dup() : p;
        }
        return w;
    }

    /** P(label = 1) of each row of {@code features} (rows × width, FLOAT). */
    public static float[] positiveProbability(MultiLayerNetwork net, INDArray features) {
        return net.output(features, false).getColumn(1).toFloatVector();
    }

    /** Restores a network serialised by this learner, once {@link NetworkArchive} found it safe to open. */
    public static MultiLayerNetwork restore(byte[] network) {
        NetworkArchive.requireSafe(network);
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(network), false);
        } catch (IOException e) {
            throw new UncheckedIOException("not a serialised DL4J network", e);
        }
    }

    /** The rows as a FLOAT matrix (rows × width). */
    public static INDArray matrix(Examples examples) {
        return Nd4j.create(examples.features(), new long[] {examples.rows(), examples.width()}, DataType.FLOAT);
    }

    static MultiLayerNetwork network(int inputs, Hyperparameters hp) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(hp.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(hp.learningRate()))
                .l2(hp.l2())
                .list();
        int in = inputs;
        // DL4J drops a layer's input (and takes the retain probability): every layer after the first
        // drops its input, i.e. the output of the hidden layer before it
        double retain = 1 - hp.dropout();
        for (int i = 0; i < hp.hiddenLayers().size(); i++) {
            int width = hp.hiddenLayers().get(i);
            DenseLayer.Builder layer = new DenseLayer.Builder().nIn(in).nOut(width).activation(Activation.RELU);
            if (i > 0 && hp.dropout() > 0) {
                layer.dropOut(retain);
            }
            layers.layer(layer.build());
            in = width;
        }
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunction.MCXENT).nIn(in).nOut(2)
                .activation(Activation.SOFTMAX);
        if (!hp.hiddenLayers().isEmpty() && hp.dropout() > 0) {
            output.dropOut(retain);
        }
        layers.layer(output.build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }

    /**
     * The rows in {@code order}, in minibatches of {@code batchSize}; a last batch of a single row joins
     * the one before it (DL4J takes a one-row weight mask for a per-output mask).
     */
    private static java.util.List<DataSet> minibatches(Examples examples, int[] order, int batchSize) {
        int rows = examples.rows();
        java.util.List<DataSet> batches = new java.util.ArrayList<>(rows / batchSize + 1);
        for (int from = 0; from < rows; ) {
            int to = Math.min(rows, from + batchSize);
            if (rows - to == 1) {
                to = rows;
            }
            batches.add(dataSet(examples, java.util.Arrays.copyOfRange(order, from, to)));
            from = to;
        }
        return batches;
    }

    /**
     * Features and one-hot labels of the rows {@code order} lists (null: every row as given). Row weights become the labels
     * mask: DL4J multiplies each row's loss and gradient by its mask value, so a weight of 0.5 counts
     * a row half.
     */
    private static DataSet dataSet(Examples examples, int[] order) {
        int rows = order == null ? examples.rows() : order.length;
        int width = examples.width();
        float[] x = new float[rows * width];
        float[] y = new float[rows * 2];
        // a one-row mask would be read as per-output; one row's weight only scales its loss
        float[] w = examples.weights() == null || rows < 2 ? null : new float[rows];
        for (int r = 0; r < rows; r++) {
            int from = order == null ? r : order[r];
            System.arraycopy(examples.features(), from * width, x, r * width, width);
            y[r * 2 + examples.labels()[from]] = 1f;
            if (w != null) {
                w[r] = examples.weights()[from];
            }
        }
        return new DataSet(Nd4j.create(x, new long[] {rows, width}, DataType.FLOAT),
                Nd4j.create(y, new long[] {rows, 2}, DataType.FLOAT), null,
                w == null ? null : Nd4j.create(w, new long[] {rows, 1}, DataType.FLOAT));
    }

    private static byte[] serialise(MultiLayerNetwork net) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, raw, false);
            return withFixedEntryTimes(raw.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the network", e);
        }
    }

    /** The same zip with every entry time set to 0, so the bytes depend on content only. */
    private static byte[] withFixedEntryTimes(byte[] zipBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(zipBytes.length);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(0L);
                zip.putNextEntry(copy);
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
