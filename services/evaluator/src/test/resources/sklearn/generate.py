#!/usr/bin/python3
"""Reference values for the evaluator's metrics, written to fixtures.json next to this script.

scikit-learn (Debian's python3-sklearn 1.2.1) computes accuracy, precision, recall, F1, ROC-AUC,
average precision (PR-AUC), log loss, Brier score and the confusion matrix of the candidate, the same
of the champion for the point differences candidate - champion, and the same of the constant-prior
baseline (the prior given as a constant score); NumPy computes the expected calibration error (of all
three) and the fairness measures by the definitions in the evaluator's README;
SciPy computes McNemar's test (exact binomial below 25 discordant rows, else chi-square with
continuity correction).
The log loss is scikit-learn's with eps=1e-15 given explicitly (1.2's default, eps="auto", clips at
the machine epsilon of the input instead, 2.2e-16 for float64).

    /usr/bin/python3 services/evaluator/src/test/resources/sklearn/generate.py
"""
import json
import os
import sys

import numpy as np
from scipy.stats import binomtest, chi2
from sklearn.metrics import (accuracy_score, average_precision_score, brier_score_loss, confusion_matrix,
                             f1_score, log_loss, precision_score, recall_score, roc_auc_score)

MIN_GROUP_SIZE = 20


def ece(y, p, bins=10):
    b = np.minimum(np.floor(p * bins).astype(int), bins - 1)
    total = 0.0
    for k in range(bins):
        m = b == k
        if m.any():
            total += m.sum() / len(y) * abs(y[m].mean() - p[m].mean())
    return total


INFINITE_RATIO = sys.float_info.max  # how the evaluator reports +inf (JSON has no infinity)


def fairness(y, pred, groups, reference):
    """A group counts with at least MIN_GROUP_SIZE rows; its TPR only with that many positives, its FPR
    only with that many negatives. Fewer than two counted groups: the measure is undefined (None)."""
    rates = {}
    for g in sorted(set(groups)):
        m = groups == g
        if m.sum() < MIN_GROUP_SIZE:
            continue
        sel = pred[m].mean()
        pos, neg = m & (y == 1), m & (y == 0)
        tpr = pred[pos].mean() if pos.sum() >= MIN_GROUP_SIZE else None
        fpr = pred[neg].mean() if neg.sum() >= MIN_GROUP_SIZE else None
        rates[g] = (sel, tpr, fpr)

    def spread(values):
        values = [v for v in values if v is not None]
        return max(values) - min(values) if len(values) >= 2 else None

    sel = [r[0] for r in rates.values()]
    dpd = spread(sel)
    eod = spread([r[1] for r in rates.values()])
    fpd = spread([r[2] for r in rates.values()])
    eqodds = None if eod is None or fpd is None else max(eod, fpd)
    dir_ = None if len(sel) < 2 else 1.0 if max(sel) == 0 else min(sel) / max(sel)
    if reference in rates:
        others = [r[0] for g, r in rates.items() if g != reference]
        ref = rates[reference][0]
        if not others:
            dir_ref = None
        elif ref == 0:
            dir_ref = 1.0 if min(others) == 0 else INFINITE_RATIO
        else:
            dir_ref = min(others) / ref
    else:
        dir_ref = None
    return {"demographicParityDifference": dpd, "equalOpportunityDifference": eod,
            "equalizedOddsDifference": eqodds, "disparateImpactRatio": dir_, "disparateImpactRatioReference": dir_ref}


def mcnemar(y, cand, champ):
    cc, hc = (cand >= 0.5) == (y == 1), (champ >= 0.5) == (y == 1)
    b, c = int((cc & ~hc).sum()), int((hc & ~cc).sum())
    if b + c < 25:
        p = 1.0 if b + c == 0 else binomtest(b, b + c, 0.5, alternative="two-sided").pvalue
        return {"b": b, "c": c, "exact": True, "pValue": float(p)}
    stat = (abs(b - c) - 1) ** 2 / (b + c)
    return {"b": b, "c": c, "exact": False, "statistic": stat, "pValue": float(chi2.sf(stat, 1))}


def quality(y, p):
    """Every quality metric of scores p on labels y (scikit-learn; ECE in NumPy); None where undefined."""
    pred = (p >= 0.5).astype(int)
    two = len(set(y)) == 2
    return {
        "accuracy": accuracy_score(y, pred),
        "precision": precision_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
        "rocAuc": roc_auc_score(y, p) if two else None,
        "prAuc": average_precision_score(y, p) if (y == 1).any() else None,
        "logLoss": log_loss(y, p, labels=[0, 1], eps=1e-15),
        "brier": brier_score_loss(y, p),
        "ece": ece(y, p),
    }


def case(name, y, p, champ, groups, reference, prior):
    y, p, champ = np.asarray(y, dtype=int), np.asarray(p, dtype=float), np.asarray(champ, dtype=float)
    groups = np.asarray(groups)
    pred = (p >= 0.5).astype(int)
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
    candidate = quality(y, p)
    champion = quality(y, champ)
    expected = dict(candidate)
    expected.update({
        "confusion": [int(tn), int(fp), int(fn), int(tp)],
        "fairness": fairness(y, pred, groups, reference),
        "mcnemar": mcnemar(y, p, champ),
        # point differences candidate - champion, each metric by scikit-learn on the same rows
        "versusChampion": {k: None if candidate[k] is None or champion[k] is None else candidate[k] - champion[k]
                           for k in candidate},
        # the baseline: the prior as a constant score for every row
        "baseline": quality(y, np.full(len(y), prior)),
    })
    return {
        "name": name, "labels": y.tolist(), "candidate": p.tolist(), "champion": champ.tolist(),
        "groups": groups.tolist(), "referenceGroup": reference, "minGroupSize": MIN_GROUP_SIZE, "prior": prior,
        "expected": expected,
    }


def main():
    rng = np.random.default_rng(20261123)
    cases = []
    # random scores rounded to two decimals (many ties), three groups of different sizes, extremes 0 and 1
    n = 600
    y = rng.integers(0, 2, n)
    p = np.clip(np.round(0.5 * y + rng.uniform(0, 0.6, n) - 0.05, 2), 0, 1)
    p[:5] = [0.0, 1.0, 0.0, 1.0, 0.5]
    champ = np.clip(np.round(0.3 * y + rng.uniform(0, 0.7, n), 2), 0, 1)
    g = rng.choice(["f", "m", "x"], n, p=[0.5, 0.47, 0.03])
    cases.append(case("random-with-ties", y, p, champ, g, "m", 0.47))
    # imbalanced: 4% positives, continuous scores; the champion nearly the same (few discordant rows)
    n = 1000
    y = (rng.uniform(0, 1, n) < 0.04).astype(int)
    p = 1 / (1 + np.exp(-(2.5 * y - 3 + rng.normal(0, 1, n))))
    champ = p.copy()
    flip = rng.choice(n, 12, replace=False)
    champ[flip] = 1 - champ[flip]
    g = rng.choice(["north", "south", "east"], n)
    cases.append(case("imbalanced", y, p, champ, g, "north", 0.04))
    # perfect separation
    n = 200
    y = np.array([i % 2 for i in range(n)])
    p = np.where(y == 1, 0.8 + rng.uniform(0, 0.2, n), rng.uniform(0, 0.3, n))
    champ = rng.uniform(0, 1, n)
    g = np.where(np.arange(n) < 100, "a", "b")
    cases.append(case("perfect", y, p, champ, g, "a", 0.5))
    # one group only: nothing to compare, every measure undefined
    n = 150
    y = rng.integers(0, 2, n)
    p = rng.uniform(0, 1, n)
    champ = rng.uniform(0, 1, n)
    cases.append(case("one-group", y, p, champ, ["only"] * n, "only", 0.62))
    # a reference group nobody in it is predicted positive
    n = 120
    y = rng.integers(0, 2, n)
    g = np.where(np.arange(n) % 2 == 0, "r", "s")
    p = np.where(g == "r", 0.2, rng.uniform(0, 1, n))
    cases.append(case("zero-reference-rate", y, p, rng.uniform(0, 1, n), g, "r", 0.3))
    # one class only: ROC-AUC undefined; a champion differing on a few rows either way (exact test)
    n = 60
    y = np.ones(n, dtype=int)
    p = rng.uniform(0.3, 1, n)
    champ = p.copy()
    champ[:7] = 1 - champ[:7]
    cases.append(case("one-class", y, p, champ, np.where(np.arange(n) < 30, "a", "b"), "b", 0.9))
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")
    with open(out, "w") as f:
        json.dump({"generatedBy": "generate.py with scikit-learn 1.2.1, NumPy, SciPy", "cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
