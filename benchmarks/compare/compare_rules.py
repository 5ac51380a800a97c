#!/usr/bin/env python3
"""scikit-learn's side of RuleLearningBenchmarks: DecisionTreeClassifier(max_depth=3, min_samples_leaf=5) fitted to
eight segments of blob data, plus its training accuracy (our Learn also measures fidelity on every row).

  compare_rules.py [--rows 100000,1000000] [--features 3,10] [--runs 3]

The data have the benchmark's shape, not its exact values: 8 centres uniform in [-10, 10) per feature, standard
deviation 1, float32, each row labelled with its nearest of 8 other random centres. Each time is the median of
`runs` calls after one warm-up. scikit-learn's tree fit is single-threaded.
"""
import argparse
import statistics
import time

import numpy as np
from sklearn.tree import DecisionTreeClassifier


def data(rows, features, seed=1):
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10, 10, size=(8, features))
    blob = rng.integers(0, 8, size=rows)
    x = (centres[blob] + rng.standard_normal((rows, features))).astype(np.float32)
    segments = rng.uniform(-10, 10, size=(8, features))
    y = np.argmin(((x[:, None, :] - segments[None, :, :]) ** 2).sum(axis=2), axis=1) + 1
    return x, y


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="100000,1000000")
    parser.add_argument("--features", default="3,10")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("| N | d | scikit-learn fit + score (ms) | training accuracy |")
    print("|---|---|---|---|")
    for rows in [int(v) for v in args.rows.split(",")]:
        for features in [int(v) for v in args.features.split(",")]:
            x, y = data(rows, features)

            def learn():
                tree = DecisionTreeClassifier(max_depth=3, min_samples_leaf=5, random_state=0).fit(x, y)
                return tree.score(x, y)

            learn()
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                accuracy = learn()
                times.append((time.perf_counter() - start) * 1000)
            print(f"| {rows:,} | {features} | {statistics.median(times):.0f} | {accuracy:.3f} |")


if __name__ == "__main__":
    main()
