using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Tests.Selection;

/// <summary>
/// A sweep stops promptly when its token is cancelled (also from a progress callback), a pre-cancelled token throws
/// before any fit, and an exception thrown by the progress receiver propagates as itself, unwrapped, in parallel too.
/// </summary>
public sealed class SweepInterruptionTests
{
    private static readonly FeatureMatrix Data = QualityFixtures.Blobs().Data;

    public static TheoryData<bool> Parallelism => [false, true];

    [Theory]
    [MemberData(nameof(Parallelism))]
    public void A_token_cancelled_from_the_progress_callback_stops_the_sweep(bool parallel)
    {
        var counting = new CountingFactory();
        using var cancellation = new CancellationTokenSource();
        var selector = new ElbowSelector(new ElbowOptions { MinK = 1, MaxK = 10, FitInParallel = parallel, MaxDegreeOfParallelism = 2 }, counting.Factory);
        var progress = new Callback<ElbowProgress>(_ => cancellation.Cancel());

        var error = Assert.ThrowsAny<OperationCanceledException>(() => selector.Select(Data, progress, cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.InRange(counting.Started, 1, 9);
    }

    [Theory]
    [MemberData(nameof(Parallelism))]
    public void A_pre_cancelled_token_throws_before_any_fit(bool parallel)
    {
        var counting = new CountingFactory();
        var selector = new ElbowSelector(new ElbowOptions { MinK = 1, MaxK = 4, FitInParallel = parallel }, counting.Factory);

        Assert.ThrowsAny<OperationCanceledException>(() => selector.Select(Data, null, new CancellationToken(canceled: true)));
        Assert.Equal(0, counting.Started);
    }

    [Theory]
    [MemberData(nameof(Parallelism))]
    public void An_exception_from_the_progress_receiver_propagates_unwrapped(bool parallel)
    {
        var selector = new ElbowSelector(new ElbowOptions { MinK = 1, MaxK = 6, FitInParallel = parallel, MaxDegreeOfParallelism = 2 });
        var progress = new Callback<ElbowProgress>(p => throw new InvalidOperationException($"receiver failed at K = {p.Point.K}"));

        var error = Assert.Throws<InvalidOperationException>(() => selector.Select(Data, progress));
        Assert.Contains("receiver failed at K = ", error.Message);
    }

    [Fact]
    public void An_exception_from_a_clusterer_propagates_unwrapped_and_stops_the_other_fits()
    {
        var counting = new CountingFactory(failAt: 2);
        var selector = new ElbowSelector(new ElbowOptions { MinK = 1, MaxK = 10, MaxDegreeOfParallelism = 2 }, counting.Factory);

        var error = Assert.Throws<InvalidDataException>(() => selector.Select(Data));
        Assert.Contains("K = 2", error.Message);
        Assert.InRange(counting.Started, 2, 9);
    }

    /// <summary>A progress receiver that runs an action on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
    internal sealed class Callback<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }

    /// <summary>K-means that counts how many fits were started, optionally failing for one K.</summary>
    private sealed class CountingFactory(int failAt = 0)
    {
        private int _started;

        public int Started => _started;

        public ClustererFactory Factory => request =>
        {
            Interlocked.Increment(ref _started);
            if (request.K == failAt)
            {
                throw new InvalidDataException($"No clusterer for K = {request.K}.");
            }

            return KMeansClusterer.Factory(new KMeansOptions { NInit = 2 })(request);
        };
    }
}
