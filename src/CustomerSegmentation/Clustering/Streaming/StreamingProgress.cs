namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>What a streamed fit is doing, reported after every chunk.</summary>
/// <param name="Stage">The kind of pass.</param>
/// <param name="Pass">The pass over the stream, from 1 (every stage counts).</param>
/// <param name="RowsRead">The rows read so far in this pass.</param>
public sealed record StreamingProgress(StreamingStage Stage, int Pass, long RowsRead);

/// <summary>The kinds of pass a streamed fit makes.</summary>
public enum StreamingStage
{
    /// <summary>The column means and ranges (the origin of the sums).</summary>
    Means,

    /// <summary>The column variances (the tolerance's scale) and the initialisation sample.</summary>
    Sampling,

    /// <summary>A Lloyd step (or a mini-batch epoch).</summary>
    Iteration,

    /// <summary>Finding the rows farthest from their centres to re-seed an empty cluster.</summary>
    EmptyClusters,

    /// <summary>The last assignment: cluster sizes and inertia for the final centres.</summary>
    Final,
}
