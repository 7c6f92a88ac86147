#!/usr/bin/python3
"""Writes fixtures.json: drift statistics computed by SciPy/numpy on fixed-seed samples.

DriftStatisticsAgreeWithScipyTest reads the file; Python is needed only to regenerate it:
    /usr/bin/python3 generate.py > fixtures.json      (Debian: apt-get install python3-scipy)

Definitions (the Java side must compute the same):
  ks           scipy.stats.ks_2samp(reference, current) with method='auto' (exact up to 10000 values a side)
  chi-square   scipy.stats.chi2_contingency([reference, current], correction=False) over the sorted union of
               categories, categories zero on both sides dropped (chi-square test of homogeneity)
  wasserstein  scipy.stats.wasserstein_distance(reference, current) / max(numpy.std(reference) [ddof=0], 0.001)
  jensenshannon scipy.spatial.distance.jensenshannon(p, q) with the natural logarithm (base None); numeric p, q
               are the proportions in the reference's 30-quantile bins, categorical ones over the union
  psi          sum((r - c) * ln(r / c)) over the same bins, a zero proportion counted as 1e-4
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

BINS = 30
EMPTY = 1e-4


def inner_edges(reference):
    return np.unique(np.quantile(reference, np.arange(1, BINS) / BINS))


def binned(values, edges):
    # bin i holds [edges[i-1], edges[i]); the outer bins are open
    index = np.searchsorted(edges, values, side='right')
    return np.bincount(index, minlength=len(edges) + 1) / len(values)


def psi(r, c):
    r = np.where(r == 0, EMPTY, r)
    c = np.where(c == 0, EMPTY, c)
    return float(np.sum((r - c) * np.log(r / c)))


def numeric_case(name, reference, current):
    reference = np.round(reference, 5)
    current = np.round(current, 5)
    ks = stats.ks_2samp(reference, current)
    edges = inner_edges(reference)
    r, c = binned(reference, edges), binned(current, edges)
    return {
        "name": name,
        "reference": reference.tolist(),
        "current": current.tolist(),
        "ksStatistic": float(ks.statistic),
        "ksPValue": float(ks.pvalue),
        "wasserstein": float(stats.wasserstein_distance(reference, current) / max(np.std(reference), 0.001)),
        "jensenShannon": float(distance.jensenshannon(r, c)),
        "psi": psi(r, c),
    }


def categorical_case(name, reference, current):
    categories = sorted(set(reference) | set(current))
    table = np.array([[reference.get(k, 0) for k in categories], [current.get(k, 0) for k in categories]])
    table = table[:, table.sum(axis=0) > 0]
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    r = table[0] / table[0].sum()
    c = table[1] / table[1].sum()
    return {
        "name": name,
        "reference": reference,
        "current": current,
        "chiSquareStatistic": float(chi2),
        "chiSquarePValue": float(p),
        "jensenShannon": float(distance.jensenshannon(r, c)),
        "psi": psi(r, c),
    }


def main():
    rng = np.random.default_rng(20261123)
    normal = rng.standard_normal
    numeric = [
        numeric_case("equal sizes, shifted", normal(60), normal(60) + 0.6),
        numeric_case("small, same distribution", normal(40), normal(25)),
        numeric_case("unequal sizes, shifted", normal(200), normal(80) + 0.3),
        numeric_case("reference of 1000, same distribution", normal(1000), normal(500)),
        numeric_case("reference of 2000, shifted by half a std", normal(2000), normal(500) + 0.5),
        numeric_case("ties: integer values", np.round(2 * normal(300)), np.round(2 * normal(120) + 0.5)),
        numeric_case("ties: few levels, spread changed", rng.integers(0, 5, 400).astype(float),
                     rng.integers(0, 7, 150).astype(float)),
        numeric_case("income scale, shifted", 50000 + 8000 * normal(1500), 52000 + 8000 * normal(700)),
        numeric_case("asymptotic: 12000 against 3000, slightly shifted", normal(12000), normal(3000) + 0.04),
        numeric_case("asymptotic: 11000 against 10500, same distribution", normal(11000), normal(10500)),
        numeric_case("asymptotic: 20000 against 90, shifted", normal(20000), normal(90) + 0.3),
        numeric_case("constant reference", np.full(100, 5.0), np.concatenate([np.full(90, 5.0), np.full(10, 5.1)])),
    ]
    categorical = [
        categorical_case("proportions shift", {"north": 400, "south": 300, "east": 200, "west": 100},
                         {"north": 10, "south": 10, "east": 20, "west": 60}),
        categorical_case("proportional", {"north": 400, "south": 300, "east": 200, "west": 100},
                         {"north": 41, "south": 29, "east": 19, "west": 11}),
        categorical_case("unseen category", {"north": 500, "south": 500},
                         {"north": 40, "south": 40, "mars": 20}),
        categorical_case("category gone from the window", {"a": 120, "b": 80, "c": 50, "d": 5},
                         {"a": 60, "b": 45, "c": 30}),
        categorical_case("large reference", {"a": 40000, "b": 25000, "c": 9000, "d": 1000},
                         {"a": 2100, "b": 1200, "c": 600, "d": 100}),
    ]
    json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "numeric": numeric,
               "categorical": categorical}, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
