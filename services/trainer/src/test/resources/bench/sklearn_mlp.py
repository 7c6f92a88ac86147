"""The reference of scripts/bench-training: scikit-learn's MLPClassifier on the same encoded rows,
architecture, learning rate, batch size and epochs as the Java side, on one thread.

    python3 sklearn_mlp.py <train.csv> <validation.csv> <hidden, e.g. 32,16> <learning rate> <batch> <epochs> <runs> <seed>

Each CSV: label first, then the encoded features, no header. Prints one line per run:
    run <fit seconds> <validation accuracy> <validation AUC> <epochs run>
"""
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.neural_network import MLPClassifier


def load(path):
    data = np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2)
    return data[:, 1:], data[:, 0].astype(np.int64)


def main():
    train, validation, hidden, rate, batch, epochs, runs, seed = sys.argv[1:9]
    x, y = load(train)
    vx, vy = load(validation)
    layers = tuple(int(w) for w in hidden.split(",") if w)
    for run in range(int(runs)):
        model = MLPClassifier(hidden_layer_sizes=layers, activation="relu", solver="adam",
                              learning_rate_init=float(rate), batch_size=int(batch), max_iter=int(epochs),
                              shuffle=True, random_state=int(seed) + run, tol=0.0, n_iter_no_change=int(epochs) + 1,
                              early_stopping=False, alpha=0.0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            start = time.perf_counter()
            model.fit(x, y)
            seconds = time.perf_counter() - start
        p = model.predict_proba(vx)[:, 1]
        print("run %.6f %.6f %.6f %d" % (seconds, accuracy_score(vy, (p >= 0.5).astype(np.int64)),
                                        roc_auc_score(vy, p), model.n_iter_), flush=True)


if __name__ == "__main__":
    main()
