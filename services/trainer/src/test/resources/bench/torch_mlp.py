"""A second reference of scripts/bench-training, when PyTorch is installed (Debian: python3-torch): the
same MLP (ReLU hidden layers, two softmax outputs, cross-entropy), Adam, learning rate, batch size and
epochs on the same encoded rows, on one thread, rows reshuffled every epoch.

    python3 torch_mlp.py <train.csv> <validation.csv> <hidden, e.g. 32,16> <learning rate> <batch> <epochs> <runs> <seed>

Same input and output as sklearn_mlp.py: one line per run,
    run <fit seconds> <validation accuracy> <validation AUC> <epochs run>
"""
import os
import sys

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import time

import numpy as np
import torch
from sklearn.metrics import accuracy_score, roc_auc_score


def load(path):
    data = np.loadtxt(path, delimiter=",", dtype=np.float32, ndmin=2)
    return torch.from_numpy(data[:, 1:].copy()), torch.from_numpy(data[:, 0].astype(np.int64))


def network(inputs, layers):
    modules = []
    width = inputs
    for w in layers:
        modules += [torch.nn.Linear(width, w), torch.nn.ReLU()]
        width = w
    modules.append(torch.nn.Linear(width, 2))
    return torch.nn.Sequential(*modules)


def main():
    torch.set_num_threads(1)
    train, validation, hidden, rate, batch, epochs, runs, seed = sys.argv[1:9]
    x, y = load(train)
    vx, vy = load(validation)
    layers = [int(w) for w in hidden.split(",") if w]
    batch, epochs = int(batch), int(epochs)
    for run in range(int(runs)):
        torch.manual_seed(int(seed) + run)
        model = network(x.shape[1], layers)
        optimiser = torch.optim.Adam(model.parameters(), lr=float(rate))
        loss = torch.nn.CrossEntropyLoss()
        start = time.perf_counter()
        for _ in range(epochs):
            order = torch.randperm(x.shape[0])
            for i in range(0, x.shape[0], batch):
                rows = order[i:i + batch]
                optimiser.zero_grad()
                loss(model(x[rows]), y[rows]).backward()
                optimiser.step()
        seconds = time.perf_counter() - start
        with torch.no_grad():
            p = torch.softmax(model(vx), dim=1)[:, 1].numpy()
        print("run %.6f %.6f %.6f %d" % (seconds, accuracy_score(vy.numpy(), (p >= 0.5).astype(np.int64)),
                                        roc_auc_score(vy.numpy(), p), epochs), flush=True)


if __name__ == "__main__":
    main()
