using System.Runtime.ExceptionServices;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// Runs independent pieces of work (one fit per K, per resample or per reference set) side by side, bounded by a thread
/// limit. Each piece writes its own slot of the caller's arrays, so the caller combines them in index order and the
/// outcome does not depend on scheduling.
/// </summary>
internal static class ParallelFits
{
    /// <summary>Runs <paramref name="body"/> for 0..<paramref name="count"/> - 1.</summary>
    /// <remarks>
    /// The first failure cancels the token handed to the other pieces and starts no further piece; the failure of the
    /// smallest index that is not the cancellation it caused propagates as itself (never an <see cref="AggregateException"/>).
    /// </remarks>
    /// <param name="count">The number of pieces.</param>
    /// <param name="maxDegreeOfParallelism">-1 or at least 1.</param>
    /// <param name="parallel">False runs the pieces one after another in index order.</param>
    /// <param name="body">One piece: its index and the token to pass on.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static void Run(int count, int maxDegreeOfParallelism, bool parallel, Action<int, CancellationToken> body, CancellationToken cancellationToken)
    {
        var failures = new ExceptionDispatchInfo?[count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void One(int i)
        {
            if (stop.IsCancellationRequested)
            {
                return;
            }

            try
            {
                body(i, stop.Token);
            }
            catch (Exception failure)
            {
                failures[i] = ExceptionDispatchInfo.Capture(failure);
                stop.Cancel();
            }
        }

        if (parallel && count > 1)
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, One);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                One(i);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        FirstFailure(failures, stop.Token)?.Throw();
    }

    /// <summary>The smallest index's failure that is not the cancellation another piece's failure caused.</summary>
    private static ExceptionDispatchInfo? FirstFailure(ExceptionDispatchInfo?[] failures, CancellationToken stop)
        => failures.FirstOrDefault(f => f is not null && !(f.SourceException is OperationCanceledException cancelled && cancelled.CancellationToken == stop))
            ?? failures.FirstOrDefault(f => f is not null);
}
