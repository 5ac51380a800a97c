#!/usr/bin/env bash
# Screenshots of the reports with headless Chromium (no network), into docs/images/ (shown in README):
#   segment-report.png  the segment report of the real Mall customers (3 features)
#   two-features.png    the classic income x spending report (2 features, a 2D plot)
#   loyalty-report.png  the loyalty report of the sample's rfm mode (synthetic transactions)
# Usage: scripts/screenshot-report.sh [MALL_CSV] [OUTPUT_DIR]
#   MALL_CSV defaults to ../shared/data/Mall_Customers.csv beside the repository; OUTPUT_DIR to docs/images.
# Needs chromium (apt-get install -y chromium) and the .NET 10 SDK.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mall="${1:-$root/../shared/data/Mall_Customers.csv}"
images="${2:-$root/docs/images}"
[[ -f "$mall" ]] || { echo "the Mall customers file '$mall' does not exist; pass its path as the first argument" >&2; exit 1; }
chromium="$(command -v chromium || command -v chromium-browser || true)"
[[ -n "$chromium" ]] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$images"

dotnet build -c Release "$root/samples/CustomerSegmentation.Sample" >/dev/null
sample=(dotnet "$root/samples/CustomerSegmentation.Sample/bin/Release/net10.0/CustomerSegmentation.Sample.dll")
"${sample[@]}" --input "$mall" --features "Age,Annual Income (k\$),Spending Score (1-100)" --id CustomerID --stability --out "$work/mall" >/dev/null
"${sample[@]}" --input "$mall" --features "Annual Income (k\$),Spending Score (1-100)" --id CustomerID --out "$work/two" >/dev/null
"${sample[@]}" rfm --out "$work/rfm" >/dev/null

# shoot PAGE PNG HEIGHT: the top HEIGHT pixels of PAGE at 1280 px wide.
shoot() {
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --use-angle=swiftshader --enable-unsafe-swiftshader --disable-quic \
    --no-first-run --disable-sync --hide-scrollbars --user-data-dir="$work/profile" \
    --virtual-time-budget=20000 --window-size="1280,$3" --screenshot="$images/$2" \
    "file://$(realpath "$1")" 2>/dev/null
  echo "wrote $images/$2"
}
shoot "$work/mall/report.html" segment-report.png 1700
shoot "$work/two/report.html" two-features.png 1250
shoot "$work/rfm/loyalty-report.html" loyalty-report.png 2100
