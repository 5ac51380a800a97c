using System.Diagnostics;

namespace CustomerSegmentation.Benchmarks.Comparison;

/// <summary>Times an action: one untimed warm-up call, then the median of <c>runs</c> timed calls, each after a full GC.</summary>
internal static class MedianTimer
{
    public static (double Milliseconds, T Result) Measure<T>(int runs, Func<T> action)
    {
        var (milliseconds, result, _) = MeasureWithin(runs, Timeout.InfiniteTimeSpan, action);
        return (milliseconds, result);
    }

    /// <summary>
    /// As <see cref="Measure"/>, but starts no further timed call once <paramref name="budget"/> has passed since the
    /// warm-up began (at least one call is timed): a slow measure gets fewer runs instead of hours. A warm-up that alone
    /// takes longer than the budget is the measurement (its one-off costs are small beside it), reported as 0 runs.
    /// <see cref="Timeout.InfiniteTimeSpan"/> times every run. Returns the number of calls timed after the warm-up too.
    /// </summary>
    public static (double Milliseconds, T Result, int Runs) MeasureWithin<T>(int runs, TimeSpan budget, Func<T> action)
    {
        long begin = Stopwatch.GetTimestamp();
        T result = action();
        TimeSpan warmUp = Stopwatch.GetElapsedTime(begin);
        if (budget != Timeout.InfiniteTimeSpan && warmUp > budget)
        {
            return (warmUp.TotalMilliseconds, result, 0);
        }

        var times = new List<double>(runs);
        for (int r = 0; r < runs; r++)
        {
            if (r > 0 && budget != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(begin) > budget)
            {
                break;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            long start = Stopwatch.GetTimestamp();
            result = action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        int count = times.Count;
        double median = count % 2 == 1 ? times[count / 2] : (times[(count / 2) - 1] + times[count / 2]) / 2;
        return (median, result, count);
    }
}
