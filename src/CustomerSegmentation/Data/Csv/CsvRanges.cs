using System.Runtime.ExceptionServices;

namespace CustomerSegmentation.Data.Csv;

/// <summary>Runs one reader per range of a split CSV input, side by side, and returns their results in file order.</summary>
internal static class CsvRanges
{
    /// <summary>
    /// Calls <paramref name="read"/> on a <see cref="CsvSource"/> over each range of <paramref name="chunks"/> (true
    /// for the first, which holds the header), one thread per range. When ranges fail, the failure of the earliest is
    /// thrown once all have stopped: the error a one-thread read meets first.
    /// </summary>
    public static IReadOnlyList<T> ReadAll<T>(
        CsvChunks chunks, CsvReadOptions options, string source, CancellationToken cancellationToken, Func<CsvSource, bool, T> read)
    {
        int count = chunks.Ranges.Count;
        var results = new T[count];
        var failures = new ExceptionDispatchInfo?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, k =>
        {
            try
            {
                using TextReader text = chunks.Open(k);
                using CsvSource csv = CsvSource.Open(text, options, source, cancellationToken, chunks.Ranges[k].LinesBefore);
                results[k] = read(csv, k == 0);
            }
#pragma warning disable CA1031 // Every failure is kept and the earliest rethrown below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures[k] = ExceptionDispatchInfo.Capture(e);
            }
        });

        foreach (ExceptionDispatchInfo? failure in failures)
        {
            failure?.Throw();
        }

        return results;
    }
}
