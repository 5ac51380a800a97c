#!/usr/bin/env bash
# The package as a user gets it: packs CustomerSegmentation, CustomerSegmentation.Plotly and CustomerSegmentation.Parquet into artifacts/packages,
# creates a fresh console app outside the solution that references them by version from that folder (its own
# nuget.config adds the folder and keeps the machine's feed), compiles the README's quick start as its Program.cs,
# runs it on the Mall customers and checks what it printed and wrote.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
packages="$root/artifacts/packages"
mall="$root/../shared/data/Mall_Customers.csv"
if [[ ! -f "$mall" ]]; then
  if [[ "${CI:-}" == "true" ]]; then echo "consumer check: $mall is missing (mandatory when CI=true)" >&2; exit 1; fi
  echo "consumer check skipped: $mall is absent"; exit 0
fi

version="$(dotnet msbuild "$root/src/CustomerSegmentation/CustomerSegmentation.csproj" -getProperty:Version)"
echo "== packing $version into $packages"
rm -rf "$packages"
dotnet pack "$root/CustomerSegmentation.sln" -c Release -o "$packages" -warnaserror
ls "$packages"
for id in CustomerSegmentation CustomerSegmentation.Plotly CustomerSegmentation.Parquet; do
  for ext in nupkg snupkg; do
    [[ -f "$packages/$id.$version.$ext" ]] || { echo "missing $id.$version.$ext" >&2; exit 1; }
  done
done

app="$(mktemp -d)/QuickStart"
trap 'rm -rf "$(dirname "$app")"' EXIT
mkdir -p "$app"
# A restore must see the packages just packed, not a copy cached from an earlier run of the same version.
cache="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
rm -rf "$cache/customersegmentation" "$cache/customersegmentation.plotly" "$cache/customersegmentation.parquet"

cd "$app"
dotnet new console --framework net10.0 >/dev/null
cat > nuget.config <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local-packages" value="$packages" />
  </packageSources>
</configuration>
CONFIG
dotnet add package CustomerSegmentation --version "$version" >/dev/null
dotnet add package CustomerSegmentation.Plotly --version "$version" >/dev/null
dotnet add package CustomerSegmentation.Parquet --version "$version" >/dev/null
# The README's quick start, verbatim, is the program.
awk '/<!-- quick-start -->/{on=1; next} on && /^```csharp/{code=1; next} code && /^```/{exit} code{print}' "$root/README.md" > Program.cs
[[ -s Program.cs ]] || { echo "no quick start found in README.md" >&2; exit 1; }
cp "$mall" Mall_Customers.csv

echo "== building and running the quick start against the packages"
dotnet build -c Release -warnaserror >/dev/null
output="$(dotnet run -c Release --no-build)"
echo "$output"
# Standardized Mall customers over K = 2..10: the elbow is K = 4, as kneed finds on scikit-learn's curve.
grep -q '^K = 4: Elbow' <<<"$output" || { echo "consumer check: expected K = 4 on the standardized Mall customers" >&2; exit 1; }
[[ "$(grep -c '^Segment [1-4]: ' <<<"$output")" == 4 ]] || { echo "consumer check: expected four segment lines" >&2; exit 1; }
grep -q 'plotly' report.html || { echo "consumer check: report.html has no plot" >&2; exit 1; }
grep -q '"format": "CustomerSegmentation.SegmentationModel"' model.json || { echo "consumer check: model.json is not a model" >&2; exit 1; }

# The Parquet package from the same app: the segmentation written as Parquet, the customers read back from Parquet
# give the same assignments as from the CSV.
echo "== the Parquet package against the packages"
cat > Program.cs <<'PARQUET'
using CustomerSegmentation.Data;
using CustomerSegmentation.Parquet;
using CustomerSegmentation.Pipeline;

string[] features = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];
CustomerTable csv = CustomerCsv.Read("Mall_Customers.csv", features, new CustomerCsvOptions { IdColumn = "CustomerID" });
csv.WriteParquet("customers.parquet");
CustomerTable parquet = CustomerParquet.Read("customers.parquet", new CustomerParquetOptions { IdColumn = "CustomerId", FeatureColumns = [.. features] });
SegmentationResult a = SegmentationPipeline.FromTable(csv).Standardize().WithK(5).WithSeed(42).Run();
SegmentationResult b = SegmentationPipeline.FromTable(parquet).Standardize().WithK(5).WithSeed(42).Run();
b.WriteAssignmentsParquet("assignments.parquet");
Console.WriteLine(a.Assignments.SequenceEqual(b.Assignments) && File.Exists("assignments.parquet") ? "parquet: same segments" : "parquet: DIFFERENT");
PARQUET
dotnet build -c Release -warnaserror >/dev/null
parquet_output="$(dotnet run -c Release --no-build)"
echo "$parquet_output"
grep -q '^parquet: same segments$' <<<"$parquet_output" || { echo "consumer check: the Parquet package gave other segments" >&2; exit 1; }
echo "consumer check passed"
