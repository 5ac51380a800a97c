#!/usr/bin/env bash
# Draws the scaling chart: one Lloyd iteration and one elbow sweep of this library and of scikit-learn against N
# (1K..100M), K (2..64) and d (2..32) on the same generated data, into benchmarks/images/scaling.png, with the JSON
# lines it was drawn from beside it (benchmarks/images/scaling.jsonl). Usage (from anywhere):
#   benchmarks/compare/scaling.sh [--max-rows 100000000] [--axes n,k,d] [--runs 3] [--threads 2] [--budget-seconds 60]
#       [--sweep-max-rows 10000000] [--sweep-max-k 32] [--iteration-max-rows 100000000] [--data-dir DIR] [--image PNG]
#   benchmarks/compare/scaling.sh --render-only benchmarks/images/scaling.jsonl [--image PNG]    (redraw, no timing)
# scikit-learn is found (or installed) as compare.sh does it; matplotlib is Debian's python3-matplotlib (installed too).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

max_rows=100000000 axes=n,k,d runs=3 threads=2 budget=60 data_dir="" render_only=""
sweep_max_rows=10000000 sweep_max_k=32 iteration_max_rows=100000000
image="$root/benchmarks/images/scaling.png"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --max-rows) max_rows="$2"; shift 2 ;;
    --axes) axes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --budget-seconds) budget="$2"; shift 2 ;;
    --sweep-max-rows) sweep_max_rows="$2"; shift 2 ;;
    --sweep-max-k) sweep_max_k="$2"; shift 2 ;;
    --iteration-max-rows) iteration_max_rows="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --image) image="$2"; shift 2 ;;
    --render-only) render_only="$2"; shift 2 ;;
    -h|--help) sed -n 2,8p "$0"; exit 0 ;;
    *) echo "scaling.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

# The same Python lookup and installation as compare.sh (it prints the python it found and exits).
python="$("$here/compare.sh" --install-only | sed -n 's/^== python: \([^ ]*\) .*/\1/p' | tail -1)"
[[ -n "$python" ]] || { echo "scaling.sh: no python with scikit-learn" >&2; exit 1; }
if ! "$python" -c "import matplotlib" >/dev/null 2>&1; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "scaling.sh: $python cannot import matplotlib; install Debian's python3-matplotlib (needs root)." >&2
    exit 1
  fi
  echo "== installing python3-matplotlib with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-matplotlib
fi
mkdir -p "$(dirname "$image")"
results="${image%.png}.jsonl"

if [[ -n "$render_only" ]]; then
  # Copy first when redrawing from another file, so the lines beside the image are the ones it was drawn from.
  save=()
  [[ "$(realpath -m "$render_only")" != "$(realpath -m "$results")" ]] && save=(--save "$results")
  "$python" "$here/scaling.py" render --results "$render_only" --image "$image" "${save[@]}"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[[ -n "$data_dir" ]] || data_dir="$work/data"
project="$root/benchmarks/CustomerSegmentation.Benchmarks"

echo "== building the benchmark project"
dotnet build "$project" -c Release --nologo -v quiet -m:1 >/dev/null

echo "== this library (axes $axes, rows up to $max_rows, $threads threads; .npy files in $data_dir)"
dotnet run -c Release --no-build --project "$project" -- scaling --max-rows "$max_rows" --axes "$axes" --runs "$runs" \
  --threads "$threads" --budget-seconds "$budget" --data-dir "$data_dir" --out "$work/dotnet.jsonl"

echo "== scikit-learn on the same files"
OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" "$python" "$here/scaling.py" measure --ours "$work/dotnet.jsonl" \
  --out "$work/sklearn.jsonl" --dotnet "$(dotnet --version)" --sweep-max-rows "$sweep_max_rows" \
  --sweep-max-k "$sweep_max_k" --iteration-max-rows "$iteration_max_rows"

"$python" "$here/scaling.py" render --results "$work/dotnet.jsonl" "$work/sklearn.jsonl" --image "$image" --save "$results"
