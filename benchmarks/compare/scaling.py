#!/usr/bin/env python3
"""scikit-learn's side of benchmarks/compare/scaling.sh, and the chart drawn from both sides' JSON lines.

  scaling.py measure --ours ours.jsonl --out sklearn.jsonl [--runs 3] [--budget-seconds 60] [--dotnet VERSION]
                     [--iteration-max-rows 100000000] [--sweep-max-rows 10000000] [--sweep-max-k 32]
  scaling.py render --results ours.jsonl sklearn.jsonl --image scaling.png [--save scaling.jsonl]

`measure` repeats every measurement of the .NET `scaling` verb's lines on the same .npy file, with compare_sklearn.py's
definitions (lloyd_iteration: (fit with max_iter=21 - fit with max_iter=1) / 20 from the first K rows, tol 0;
elbow_sweep: default KMeans(algorithm="lloyd", n_init=1) fits for K = 1..k), the thread pools limited to the verb's
thread count (threadpoolctl). A measurement over a cap is written with "ms": null and the reason in "skipped", and the
chart says "not run" there. `render` draws one PNG: per iteration (top) and per sweep (bottom) against N, K and d.
"""
import argparse
import datetime
import json
import math
import os
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_sklearn import elbow_sweep, lloyd_iteration, machine_description  # noqa: E402

MEASURES = ("lloyd_iteration", "elbow_sweep")
AXES = (("n", "rows"), ("k", "k"), ("d", "features"))
FULL_ROWS = 100_000_000


def read_lines(paths):
    lines = []
    for path in paths:
        with open(path) as f:
            lines.extend(json.loads(line) for line in f if line.strip())
    return lines


def skip_reason(entry, args):
    if entry["measure"] == "lloyd_iteration" and entry["rows"] > args.iteration_max_rows:
        return f"cap: iterations up to {short(args.iteration_max_rows)} rows"
    if entry["measure"] == "elbow_sweep" and entry["rows"] > args.sweep_max_rows:
        return f"cap: sweeps up to {short(args.sweep_max_rows)} rows"
    if entry["measure"] == "elbow_sweep" and entry["k"] > args.sweep_max_k:
        return f"cap: sweeps up to K = {args.sweep_max_k}"
    return None


def measure(args):
    import numpy as np
    import sklearn
    import threadpoolctl
    from threadpoolctl import threadpool_limits

    ours = read_lines([args.ours])
    environment = next(e for e in ours if e["measure"] == "environment")
    threads = environment["threads"]
    runs = args.runs or environment["runs"]
    budget = args.budget_seconds or environment["budget_seconds"]
    out = open(args.out, "w")

    def emit(line):
        print(json.dumps(line), flush=True)
        out.write(json.dumps(line) + "\n")
        out.flush()

    with threadpool_limits(limits=threads):
        blas = ", ".join(f"{p.get('internal_api')} {p.get('version')} ({p.get('num_threads')} threads)"
                         for p in threadpoolctl.threadpool_info())
        emit({"impl": "sklearn", "measure": "environment", "version": sklearn.__version__, "threads": threads,
              "runs": runs, "budget_seconds": budget, "pools": blas,
              "machine": machine_description(args.dotnet, sklearn.__version__),
              "date": datetime.date.today().isoformat()})
        done = {}
        loaded_path, X = None, None
        for entry in ours:
            if entry["measure"] not in MEASURES:
                continue
            key = (entry["measure"], entry["rows"], entry["features"], entry["k"])
            line = {"impl": "sklearn", "axis": entry["axis"], "measure": entry["measure"], "rows": entry["rows"],
                    "features": entry["features"], "k": entry["k"], "threads": threads, "data": entry["data"]}
            if key not in done:
                reason = skip_reason(entry, args)
                if reason:
                    done[key] = {"ms": None, "skipped": reason}
                else:
                    if loaded_path != entry["data"]:
                        X = None
                        X = np.load(entry["data"])
                        loaded_path = entry["data"]
                        assert X.dtype == np.float32 and X.flags["C_CONTIGUOUS"], "the dataset must be C-order float32"
                    if entry["measure"] == "lloyd_iteration":
                        ms, iterations, _, _, timed = lloyd_iteration(X, entry["k"], 1, runs, budget)
                        done[key] = {"ms": None if ms is None else round(ms, 4), "runs": timed, "iterations": iterations}
                    else:
                        ms, inertia, iterations, timed = elbow_sweep(X, entry["k"], 1, runs, budget)
                        done[key] = {"ms": round(ms, 4), "runs": timed, "inertia": inertia, "iterations": iterations}
            emit({**line, **done[key]})
    out.close()


def render(args):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    lines = read_lines(args.results)
    if args.save:
        with open(args.save, "w") as f:
            for line in lines:
                f.write(json.dumps(line) + "\n")
    env_ours = next((e for e in lines if e["impl"] == "ours" and e["measure"] == "environment"), {})
    env_sk = next((e for e in lines if e["impl"] == "sklearn" and e["measure"] == "environment"), {})
    points = {}
    for e in lines:
        if e["measure"] in MEASURES:
            x = e[dict(AXES)[e["axis"]]]
            points[(e["impl"], e["axis"], e["measure"], x)] = e

    ours_colour, sk_colour = "#1f5fbf", "#d9730d"
    plt.rcParams.update({"font.size": 10, "axes.titlesize": 11, "axes.labelsize": 10, "font.family": "DejaVu Sans"})
    fig, grid = plt.subplots(2, 3, figsize=(12, 8.4), dpi=args.dpi)
    fig.subplots_adjust(left=0.07, right=0.985, top=0.86, bottom=0.2, wspace=0.25, hspace=0.42)
    sk_name = f"scikit-learn {env_sk.get('version', '')} (KMeans, lloyd)".replace("  ", " ")
    ours_name = f"this library ({env_ours.get('runtime', '.NET')})"
    titles = {
        ("lloyd_iteration", "n"): "One Lloyd iteration vs N (d = 3, K = 8)",
        ("lloyd_iteration", "k"): "One Lloyd iteration vs K (d = 3)",
        ("lloyd_iteration", "d"): "One Lloyd iteration vs d (K = 8)",
        ("elbow_sweep", "n"): "Elbow sweep K = 1..10 vs N (d = 3)",
        ("elbow_sweep", "k"): "Sweep k = 1..K vs K (d = 3)",
        ("elbow_sweep", "d"): "Elbow sweep K = 1..10 vs d",
    }
    base_rows = min(1_000_000, env_ours.get("max_rows", FULL_ROWS))
    xlabels = {"n": "N (rows)", "k": f"K (clusters), N = {short(base_rows)}", "d": f"d (features), N = {short(base_rows)}"}

    for row, measure_name in enumerate(MEASURES):
        scale = 1.0 if measure_name == "lloyd_iteration" else 1000.0
        for col, (axis, _) in enumerate(AXES):
            ax = grid[row][col]
            xs = sorted({key[3] for key in points if key[1] == axis and key[2] == measure_name})
            ax.set_title(titles[(measure_name, axis)], loc="left")
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.grid(True, which="major", color="#dddddd", linewidth=0.8)
            ax.set_axisbelow(True)
            for spine in ("top", "right"):
                ax.spines[spine].set_visible(False)
            ax.set_xlabel(xlabels[axis])
            if col == 0:
                ax.set_ylabel("ms per iteration" if row == 0 else "s per sweep")
            if not xs:
                ax.text(0.5, 0.5, "not measured", transform=ax.transAxes, ha="center", color="#888888")
                ax.xaxis.set_major_locator(NullLocator())
                continue
            series, notes = {}, []
            name = xlabels[axis].split(" ")[0]
            for impl, label, colour in (("ours", "this library", ours_colour), ("sklearn", "scikit-learn", sk_colour)):
                entries = [(x, points[(impl, axis, measure_name, x)]) for x in xs if (impl, axis, measure_name, x) in points]
                series[impl] = [(x, e["ms"] / scale) for x, e in entries if e.get("ms") is not None and e["ms"] > 0]
                # A per-iteration difference at or below zero is timing noise; a skipped one is over a cap.
                noise = [x for x, e in entries if e.get("ms") is not None and e["ms"] <= 0]
                skipped = [(x, e["skipped"]) for x, e in entries if e.get("skipped")]
                if noise:
                    notes.append((f"{label}: lost in timing noise at {name} = {', '.join(tick(axis, x) for x in noise)}", colour))
                if skipped:
                    notes.append((f"{label} not run at {name} = {', '.join(tick(axis, x) for x, _ in skipped)}\n"
                                  f"({skipped[0][1]})", colour))
            if series["ours"]:
                ax.plot(*zip(*series["ours"]), "-o", color=ours_colour, linewidth=2, markersize=5, label=ours_name)
            if series["sklearn"]:
                ax.plot(*zip(*series["sklearn"]), "-s", color=sk_colour, linewidth=2, markersize=5, label=sk_name)
            ours_at = dict(series["ours"])
            for x, sk_value in series["sklearn"]:
                if x in ours_at:
                    ratio = sk_value / ours_at[x]
                    # Between the two lines when they are far apart, else just above the higher point.
                    far = ratio >= 4
                    y = math.sqrt(sk_value * ours_at[x]) if far else max(sk_value, ours_at[x])
                    ax.annotate(f"{ratio:.1f}×" if ratio < 100 else f"{ratio:.0f}×", (x, y), xytext=(0, 0 if far else 7),
                                textcoords="offset points", ha="center", va="center" if far else "bottom",
                                fontsize=8.5, color="#333333",
                                bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85))
            for i, (note, colour) in enumerate(notes):
                ax.text(0.98, 0.04 + 0.13 * i, note, transform=ax.transAxes, ha="right", va="bottom", fontsize=8,
                        color=colour, style="italic")
            ax.xaxis.set_major_locator(FixedLocator(xs))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _, a=axis: tick(a, v)))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
            ax.yaxis.set_minor_formatter(FuncFormatter(lambda v, _: ""))
            ax.margins(x=0.08, y=0.15)
            low, high = ax.get_ylim()
            ax.set_ylim(low / 1.6, high * 1.6)

    handles, labels = grid[0][0].get_legend_handles_labels()
    fig.suptitle("k-means scaling: this library beside scikit-learn on the same data", fontsize=14, fontweight="bold", y=0.975)
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.935), ncol=2, frameon=False, fontsize=10.5)
    threads = env_ours.get("threads", "?")
    runs = env_ours.get("runs", "?")
    repeats = "one run" if runs == 1 else f"up to {runs} runs"
    caption = (f"Uniform float32 data (seed {env_ours.get('seed', 1)}), {threads} threads on each side. Per iteration: "
               "(fit of 21 iterations - fit of 1) / 20 from the first K rows, tol 0. Per sweep: plain default k-means fits "
               "(greedy k-means++, tol 1e-4, one start) for K = 1..10, or k = 1..K on the K axis. Each time is the median of "
               f"{repeats} after a warm-up (fewer past a {env_ours.get('budget_seconds', '?')} s budget; a call longer "
               "than that is timed once); "
               "the labels are scikit-learn's time divided by ours.")
    machine = env_sk.get("machine") or f"runtime {env_ours.get('runtime', '?')}"
    text = textwrap.fill(caption, 175) + "\n" + textwrap.fill(f"Machine: {machine}.", 175)
    fig.text(0.07, 0.035, text, ha="left", va="bottom", fontsize=8.5, color="#444444", linespacing=1.45)
    if env_ours.get("max_rows", FULL_ROWS) < FULL_ROWS:
        fig.text(0.07, 0.012, f"A reduced grid: rows capped at {env_ours['max_rows']:,} (--max-rows), so N = {FULL_ROWS:,} "
                 f"is not measured; {repeats} per point.", ha="left", va="bottom", fontsize=8.5, color="#b00020", fontweight="bold")
    fig.savefig(args.image, dpi=args.dpi, facecolor="white")
    print(f"wrote {args.image}" + (f" and {args.save}" if args.save else ""))


def tick(axis, value):
    """An x value as the axis shows it: 1K, 1M along N; 2, 64 along K and d."""
    return short(value) if axis == "n" else f"{value:g}"


def short(value):
    """1000 -> 1K, 1000000 -> 1M, 100000000 -> 100M."""
    value = int(round(value))
    for size, suffix in ((1_000_000_000, "G"), (1_000_000, "M"), (1_000, "K")):
        if value >= size and value % size == 0:
            return f"{value // size}{suffix}"
    return str(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--ours", required=True, help="the JSON lines of the .NET scaling verb")
    m.add_argument("--out", required=True)
    m.add_argument("--runs", type=int, help="timed runs per measure (default: the verb's)")
    m.add_argument("--budget-seconds", type=float, help="no new timed run past this (default: the verb's)")
    m.add_argument("--dotnet", default="?", help=".NET SDK version for the machine line")
    m.add_argument("--iteration-max-rows", type=int, default=FULL_ROWS)
    m.add_argument("--sweep-max-rows", type=int, default=10_000_000)
    m.add_argument("--sweep-max-k", type=int, default=32)
    r = sub.add_parser("render")
    r.add_argument("--results", nargs="+", required=True)
    r.add_argument("--image", required=True)
    r.add_argument("--save", help="write every line read to this file (the results beside the image)")
    r.add_argument("--dpi", type=int, default=150)
    args = parser.parse_args()
    measure(args) if args.command == "measure" else render(args)


if __name__ == "__main__":
    sys.exit(main())
