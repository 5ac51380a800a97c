#!/usr/bin/env python3
"""scikit-learn's side of benchmarks/compare/compare_gmm.sh, and the report that sets both sides side by side.

  compare_gmm.py measure --data data.npy --k 5 [--threads 2] [--runs 5] [--seed 1] --out sklearn.jsonl
  compare_gmm.py report --results ours.jsonl sklearn.jsonl

One EM iteration of sklearn.mixture.GaussianMixture for covariance_type full and diag, measured as the .NET
`compare-gmm` verb measures ours: (median fit time with max_iter=21 - median with max_iter=1) / 20, tol=0, n_init=1,
reg_covar=1e-6, init_params="kmeans" (as ours; the start's cost cancels in the difference), with the
BLAS/OpenMP pools limited to `threads` (threadpoolctl).
"""
import argparse
import json
import statistics
import time
import warnings


def median_ms(runs, action):
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def measure(args):
    import numpy as np
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.mixture import GaussianMixture
    from threadpoolctl import threadpool_limits

    warnings.simplefilter("ignore", ConvergenceWarning)
    X = np.load(args.data)
    n, d = X.shape
    lines = []
    with threadpool_limits(limits=args.threads):
        for covariance in ("full", "diag"):
            def fit(iterations):
                return GaussianMixture(args.k, covariance_type=covariance, tol=0.0, max_iter=iterations, n_init=1,
                                       reg_covar=1e-6, init_params="kmeans", random_state=args.seed).fit(X)

            one = median_ms(2 * args.runs, lambda: fit(1))
            many = median_ms(2 * args.runs, lambda: fit(21))
            line = {"impl": "sklearn", "covariance": covariance, "ms_per_iteration": round((many - one) / 20, 4),
                    "fit_1_iteration_ms": round(one, 3), "rows": n, "features": d, "k": args.k,
                    "threads": args.threads, "version": sklearn.__version__}
            print(json.dumps(line), flush=True)
            lines.append(line)
    with open(args.out, "w") as out:
        for line in lines:
            out.write(json.dumps(line) + "\n")


def report(args):
    rows = []
    for path in args.results:
        with open(path) as f:
            rows.extend(json.loads(line) for line in f if line.strip())
    by = {(r["impl"], r["covariance"]): r for r in rows}
    print("| covariance | ours ms / EM iteration | scikit-learn ms / EM iteration | speed-up |")
    print("|---|---:|---:|---:|")
    for covariance in ("full", "diag"):
        ours, theirs = by.get(("ours", covariance)), by.get(("sklearn", covariance))
        if ours is None or theirs is None:
            continue
        ratio = theirs["ms_per_iteration"] / ours["ms_per_iteration"] if ours["ms_per_iteration"] > 0 else float("inf")
        print(f"| {covariance} | {ours['ms_per_iteration']:.2f} | {theirs['ms_per_iteration']:.2f} | {ratio:.1f}x |")
    any_row = rows[0] if rows else {}
    print(f"\nN = {any_row.get('rows')}, d = 3, K = {any_row.get('k')}, {any_row.get('threads')} threads; "
          f"scikit-learn {by.get(('sklearn', 'full'), {}).get('version')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--data", required=True)
    m.add_argument("--k", type=int, default=5)
    m.add_argument("--threads", type=int, default=2)
    m.add_argument("--runs", type=int, default=5)
    m.add_argument("--seed", type=int, default=1)
    m.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--results", nargs="+", required=True)
    args = parser.parse_args()
    measure(args) if args.command == "measure" else report(args)


if __name__ == "__main__":
    main()
