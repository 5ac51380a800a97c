#!/usr/bin/env python3
"""Plain scipy BG/NBD and Gamma-Gamma fits (numpy + scipy.optimize + scipy.special, written the way lifetimes writes
them: vectorised log-likelihoods, Nelder-Mead on the log-parameters from 1, mean negative log-likelihood), on the summary
CSV that `CustomerSegmentation.Benchmarks compare-clv` writes. Prints one JSON line per fit: median time and parameters.

Usage: compare_lifetimes.py lifetimes-summary.csv [runs]
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
data = np.loadtxt(path, delimiter=",", skiprows=1)
x, tx, T, m = data[:, 0], data[:, 1], data[:, 2], data[:, 3]


def bgnbd_nll(log_params):
    r, alpha, a, b = np.exp(log_params)
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    a4 = np.log(a) - np.log(b + np.where(x == 0, 1, x) - 1) - (r + x) * np.log(alpha + tx)
    mx = np.maximum(a3, a4)
    ll = a1 + a2 + mx + np.log(np.exp(a3 - mx) + np.exp(a4 - mx) * (x > 0))
    return -ll.mean()


buyers = (x > 0) & (m > 0)
gx, gm = x[buyers], m[buyers]


def gg_nll(log_params):
    p, q, v = np.exp(log_params)
    ll = (gammaln(p * gx + q) - gammaln(p * gx) - gammaln(q) + q * np.log(v) + (p * gx - 1) * np.log(gm)
          + (p * gx) * np.log(gx) - (p * gx + q) * np.log(gx * gm + v))
    return -ll.mean()


def fit(nll, k):
    return minimize(nll, np.zeros(k), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-14, "maxiter": 20000, "maxfev": 40000})


for name, nll, k, names, n in (("bgnbd", bgnbd_nll, 4, ["r", "alpha", "a", "b"], len(x)), ("gammagamma", gg_nll, 3, ["p", "q", "v"], len(gx))):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fit(nll, k)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    print(json.dumps({
        "impl": "scipy",
        "model": name,
        "ms": round(times[len(times) // 2], 3),
        "params": dict(zip(names, np.exp(result.x).tolist())),
        "ll": -result.fun * n,
        "evaluations": int(result.nfev),
        "customers": int(len(x)),
    }))
