using System.Collections.Immutable;

namespace CustomerSegmentation.Plotly;

/// <summary>An extra column shown when hovering over a customer in the 3D plot, such as "Genre".</summary>
/// <param name="Name">The column name shown before each value.</param>
/// <param name="Values">One value per customer row, in row order.</param>
internal sealed record HoverColumn(string Name, ImmutableArray<string> Values);
