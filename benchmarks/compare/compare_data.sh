#!/usr/bin/env bash
# Times this library's customer CSV reader and its transaction CSV + RFM path against pandas on the same generated
# files in the same run (issue 12), and prints the table. Usage (from anywhere):
#   benchmarks/compare/compare_data.sh [--rows 1000000] [--runs 3] [--no-write] [--dir DIR]
# With write (the default) the table goes to benchmarks/RESULTS-data.md too. pandas comes from Debian's python3-pandas,
# installed with apt-get when it is missing (needs root). The files are kept in DIR (default: a temporary folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rows=1000000 runs=3 write=1 dir=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --no-write) write=0; shift ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n 2,6p "$0"; exit 0 ;;
    *) echo "compare_data.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

python="${PYTHON:-/usr/bin/python3}"
if ! "$python" -c "import pandas" 2>/dev/null; then
  if [[ "$(id -u)" != 0 ]]; then
    echo "compare_data.sh: pandas is not importable and installing Debian's python3-pandas needs root (or set PYTHON)." >&2
    exit 1
  fi
  echo "== installing python3-pandas with apt-get"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-pandas
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="${dir:-$work}"
project="$root/benchmarks/CustomerSegmentation.Benchmarks"

echo "== building the benchmark project"
dotnet build "$project" -c Release --nologo -v quiet >/dev/null

echo "== this library (writes the files when missing)"
dotnet run -c Release --no-build --project "$project" -- compare-data --rows "$rows" --runs "$runs" --dir "$dir" \
  --out "$work/dotnet.jsonl"

echo "== pandas on the same files"
"$python" "$here/compare_data.py" measure --dir "$dir" --rows "$rows" --runs "$runs" --out "$work/pandas.jsonl"

echo
if [[ "$write" == 1 ]]; then
  "$python" "$here/compare_data.py" report --results "$work/dotnet.jsonl" "$work/pandas.jsonl" --write "$root/benchmarks/RESULTS-data.md"
else
  "$python" "$here/compare_data.py" report --results "$work/dotnet.jsonl" "$work/pandas.jsonl"
fi
