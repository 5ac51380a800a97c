#!/usr/bin/env bash
# Scale demonstration (not part of CI): writes a seeded Parquet file of ROWS customers (default 100,000,000; 3 float
# features from 5 blobs, row groups of 1,048,576 rows), then runs the streamed K-means fit (K = 5, seed 42) over it
# with the GC heap capped at 1 GB (DOTNET_GCHeapHardLimit=0x40000000) under /usr/bin/time -v, and prints the fit, the
# wall time and the peak resident set. Checks free disk space first and deletes the file afterwards.
#   bash scripts/stream-100m.sh            # 100M rows
#   ROWS=10000000 bash scripts/stream-100m.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${ROWS:-100000000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
need_gb=$(( rows * 13 / 1000000000 + 2 ))   # 12 bytes a row of data, Parquet overhead, the build
free_gb=$(df -BG --output=avail "$work" | tail -1 | tr -dc '0-9')
if (( free_gb < need_gb )); then echo "stream-100m: $free_gb GB free in $work, $need_gb GB needed" >&2; exit 1; fi
echo "== $rows rows, $free_gb GB free in $work"

app="$work/StreamDemo"
mkdir -p "$app"
cat > "$app/StreamDemo.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ServerGarbageCollector>false</ServerGarbageCollector>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$root/src/CustomerSegmentation.Parquet/CustomerSegmentation.Parquet.csproj" />
  </ItemGroup>
</Project>
PROJECT
cat > "$app/Program.cs" <<'PROGRAM'
using System.Collections.Immutable;
using System.Diagnostics;
using CustomerSegmentation.Clustering.Streaming;
using CustomerSegmentation.Data;
using CustomerSegmentation.Parquet;

string mode = args[0], path = args[1];
string[] features = ["Recency", "Frequency", "Monetary"];
if (mode == "write")
{
    new SeededBlobs(long.Parse(args[2]), features).WriteParquet(path);
    Console.WriteLine($"wrote {new FileInfo(path).Length / 1e9:F2} GB");
    return;
}

var clock = Stopwatch.StartNew();
var progress = new Progress<StreamingProgress>(p => { if (p.RowsRead % (25L << 20) == 0) Console.Error.WriteLine($"  pass {p.Pass} ({p.Stage}): {p.RowsRead:N0} rows, {clock.Elapsed.TotalSeconds:F0} s"); });
StreamingKMeansResult result = new StreamingKMeans(new StreamingKMeansOptions { K = 5, Seed = 42 })
    .Fit(CustomerParquet.Chunks(path, new CustomerParquetOptions { FeatureColumns = [.. features] }), progress);
Console.WriteLine($"rows {result.RowCount:N0}, K {result.K}, iterations {result.Iterations}, converged {result.Converged}, passes {result.Passes}, inertia {result.Inertia:G6}");
Console.WriteLine($"sizes {string.Join(", ", result.ClusterSizes)}");
foreach (var c in result.Centroids) Console.WriteLine($"centroid {string.Join(", ", c.Select(v => v.ToString("F3")))}");
Console.WriteLine($"fit {clock.Elapsed.TotalSeconds:F1} s, {result.RowCount * (double)result.Passes / clock.Elapsed.TotalSeconds / 1e6:F1} M rows/s over all passes, GC heap peak {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:F0} MB");

/// <summary>Rows from five blobs, chunk c drawn from its own seed, so the file is the same on every run.</summary>
sealed class SeededBlobs(long rows, string[] names) : IFeatureChunkSource
{
    private const int ChunkRows = 1 << 20;
    private static readonly double[][] Means = [[10, 2, 50], [40, 8, 300], [200, 1, 20], [5, 30, 900], [90, 12, 150]];

    public ImmutableArray<string> FeatureNames { get; } = [.. names];

    public IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default)
    {
        for (long start = 0, chunk = 0; start < rows; start += ChunkRows, chunk++)
        {
            int n = (int)Math.Min(ChunkRows, rows - start);
            var random = new Random((int)chunk + 1);
            var columns = new float[3][];
            for (int j = 0; j < 3; j++) columns[j] = new float[n];
            for (int i = 0; i < n; i++)
            {
                double[] mean = Means[random.Next(Means.Length)];
                for (int j = 0; j < 3; j++) columns[j][i] = (float)(mean[j] * (1 + (0.25 * (random.NextDouble() - 0.5))));
            }

            yield return FeatureMatrix.FromColumns(columns, names);
        }
    }
}
PROGRAM
cd "$app"
echo "== building"
dotnet build -c Release -v q -nologo >/dev/null
file="$work/customers.parquet"
echo "== writing $file"
/usr/bin/time -f "write: %e s wall, peak RSS %M KB" dotnet bin/Release/net10.0/StreamDemo.dll write "$file" "$rows"
echo "== streamed fit with DOTNET_GCHeapHardLimit=0x40000000 (1 GB)"
DOTNET_GCHeapHardLimit=0x40000000 /usr/bin/time -v dotnet bin/Release/net10.0/StreamDemo.dll fit "$file" 2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
grep -E "^  pass" "$work/time.txt" | tail -3 || true
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
rm -f "$file"
echo "== file deleted"
