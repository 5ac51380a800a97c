#!/usr/bin/env python3
"""pandas' side of benchmarks/compare/compare_data.sh, and the report that sets both sides side by side.

  compare_data.py measure --dir DIR --rows 1000000 [--runs 3] --out pandas.jsonl
  compare_data.py report --results ours.jsonl pandas.jsonl [--write RESULTS-data.md]

On the files the .NET `compare-data` verb wrote (customers_N.csv: CustomerID + 3 float columns; transactions_N.csv:
CustomerId, OrderId, Timestamp, Amount), each time the median of `runs` runs after a warm-up:
- customer_csv: pandas.read_csv of the customer file (C engine, default float parsing).
- rfm_csv: read_csv of the transaction file with the Timestamp column parsed as dates, then one groupby per customer:
  last purchase (max Timestamp), distinct orders (nunique OrderId) and total spend (sum Amount, float64; ours is decimal).
"""
import argparse
import json
import os
import platform

from compare_gmm import median_ms  # the same timing as the other comparisons

# The targets of issue 12: ours at least as fast as pandas on both files, and the RFM path at >= 3M lines/s.
RFM_LINES_PER_SECOND = 3_000_000


def measure(args):
    import pandas as pd

    customers = os.path.join(args.dir, f"customers_{args.rows}.csv")
    transactions = os.path.join(args.dir, f"transactions_{args.rows}.csv")

    def read_customers():
        return pd.read_csv(customers)

    def rfm():
        frame = pd.read_csv(transactions, parse_dates=["Timestamp"])
        return frame.groupby("CustomerId").agg(last=("Timestamp", "max"), orders=("OrderId", "nunique"), spend=("Amount", "sum"))

    lines = [
        {"impl": "pandas", "measure": "customer_csv", "ms": round(median_ms(args.runs, read_customers), 3),
         "rows": len(read_customers()), "version": pd.__version__},
        {"impl": "pandas", "measure": "rfm_csv", "ms": round(median_ms(args.runs, rfm), 3),
         "rows": sum(1 for _ in open(transactions, "rb")) - 1, "customers": len(rfm()), "version": pd.__version__},
    ]
    with open(args.out, "w") as out:
        for line in lines:
            print(json.dumps(line), flush=True)
            out.write(json.dumps(line) + "\n")


def report(args):
    results = []
    for path in args.results:
        with open(path) as f:
            results.extend(json.loads(line) for line in f if line.strip())
    pandas = {r["measure"]: r for r in results if r["impl"] == "pandas"}
    ours = [r for r in results if r["impl"] == "ours"]
    version = next(iter(pandas.values()), {}).get("version", "?")
    table = [
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores; pandas {version}; medians of the runs after a warm-up, "
        "both sides in the same run on the same files.",
        "",
        "| work | rows | threads | ours (ms) | pandas (ms) | pandas / ours | ours lines/s | target met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(ours, key=lambda r: (r["measure"], -r["threads"])):
        p = pandas.get(r["measure"])
        ratio = p["ms"] / r["ms"] if p else float("nan")
        rate = r["rows"] / (r["ms"] / 1000.0)
        met = ratio >= 1.0
        goal = "as fast as pandas"
        if r["measure"] == "rfm_csv":
            met = met and rate >= RFM_LINES_PER_SECOND
            goal += " and >= 3M lines/s"
        name = {"customer_csv": "customer CSV to features (CustomerCsv.Read)",
                "rfm_csv": "transaction CSV to RFM (TransactionCsv.Read + RfmAnalyzer.Analyze)"}[r["measure"]]
        table.append(f"| {name} | {r['rows']:,} | {r['threads']} | {r['ms']:.0f} | {p['ms'] if p else float('nan'):.0f} | "
                     f"{ratio:.2f}x | {rate / 1e6:.2f}M | {'yes' if met else 'no'} ({goal}) |")
    text = "\n".join(table)
    print(text)
    if args.write:
        with open(args.write, "w") as out:
            out.write("# Data readers against pandas (benchmarks/compare/compare_data.sh)\n\n" + text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--dir", required=True)
    m.add_argument("--rows", type=int, default=1_000_000)
    m.add_argument("--runs", type=int, default=3)
    m.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--results", nargs="+", required=True)
    r.add_argument("--write")
    args = parser.parse_args()
    measure(args) if args.command == "measure" else report(args)


if __name__ == "__main__":
    main()
