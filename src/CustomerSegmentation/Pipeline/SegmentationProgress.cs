namespace CustomerSegmentation.Pipeline;

/// <summary>What a running <see cref="SegmentationPipeline"/> is doing.</summary>
/// <param name="Stage">The stage: "Reading", "Scaling", "Choosing K", "Clustering", "Profiling" or "Explaining" (the rules).</param>
/// <param name="Completed">Steps finished within the stage (for "Choosing K", the K fitted so far).</param>
/// <param name="Total">Steps in the stage.</param>
/// <param name="Message">A short human-readable line, e.g. "K = 4: inertia 104366.2, silhouette 0.405".</param>
public sealed record SegmentationProgress(string Stage, int Completed, int Total, string Message);
