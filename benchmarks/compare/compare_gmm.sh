#!/usr/bin/env bash
# Times one EM iteration of this library's GaussianMixtureClusterer and of scikit-learn's GaussianMixture, full and
# diagonal covariance, on one generated blob dataset in the same run, and prints the table. Usage (from anywhere):
#   benchmarks/compare/compare_gmm.sh [--rows 1000000] [--k 5] [--runs 3] [--threads 2]
# scikit-learn is found (or installed) as compare.sh does it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rows=1000000 k=5 runs=3 threads=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --k) k="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    -h|--help) sed -n 2,5p "$0"; exit 0 ;;
    *) echo "compare_gmm.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# The same Python lookup and installation as compare.sh (it prints the python it found and exits).
python="$("$here/compare.sh" --install-only | sed -n 's/^== python: \([^ ]*\) .*/\1/p' | tail -1)"
[[ -n "$python" ]] || { echo "compare_gmm.sh: no python with scikit-learn" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
project="$root/benchmarks/CustomerSegmentation.Benchmarks"

echo "== building the benchmark project"
dotnet build "$project" -c Release --nologo -v quiet >/dev/null

echo "== this library (N = $rows, d = 3, K = $k, $threads threads)"
dotnet run -c Release --no-build --project "$project" -- compare-gmm --rows "$rows" --k "$k" --threads "$threads" \
  --runs "$runs" --data "$work/data.npy" --out "$work/dotnet.jsonl"

echo "== scikit-learn on the same file"
OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" "$python" "$here/compare_gmm.py" measure \
  --data "$work/data.npy" --k "$k" --threads "$threads" --runs "$runs" --out "$work/sklearn.jsonl"

echo
"$python" "$here/compare_gmm.py" report --results "$work/dotnet.jsonl" "$work/sklearn.jsonl"
