using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// What a report made from a <see cref="SegmentationResult"/> knows beyond the plot: the result itself (K and why,
/// inertia, rules, stability, membership probabilities), what each segment is called and the columns' display names.
/// </summary>
internal sealed record ReportEvidence(SegmentationResult Result, SegmentNaming Naming, ColumnDisplayNames Columns);
