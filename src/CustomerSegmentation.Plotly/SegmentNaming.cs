using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// What a report calls each segment (numbered 1..K): the user's name from <see cref="SegmentReportOptions.SegmentNames"/>
/// where given, else the generated label. Immutable.
/// </summary>
internal sealed class SegmentNaming
{
    private readonly ImmutableArray<string> _names;

    private SegmentNaming(ImmutableArray<string> names) => _names = names;

    /// <summary>The number of segments.</summary>
    public int Count => _names.Length;

    /// <summary>The name of segment <paramref name="segment"/> (1..K).</summary>
    public string Name(int segment) => _names[segment - 1];

    /// <summary>The legend name of segment <paramref name="segment"/>: "number · name".</summary>
    public string Legend(int segment) => string.Create(CultureInfo.InvariantCulture, $"{segment} · {Name(segment)}");

    /// <summary>The generated labels of <paramref name="result"/>'s segments.</summary>
    public static SegmentNaming Generated(SegmentationResult result) => new([.. result.Profiles.Select(p => p.Label)]);

    /// <summary>The generated labels of <paramref name="result"/>'s segments with <paramref name="names"/> in their place.</summary>
    /// <exception cref="ArgumentException"><paramref name="names"/> names a segment the result does not have (the message gives the range).</exception>
    public static SegmentNaming Of(SegmentationResult result, IReadOnlyDictionary<int, string> names)
        => Of([.. result.Profiles.Select(p => p.Label)], names);

    /// <summary>The labels <paramref name="generated"/> (segment 1 first) with <paramref name="names"/> in their place.</summary>
    /// <exception cref="ArgumentException"><paramref name="names"/> names a segment outside 1..K (the message gives the range).</exception>
    public static SegmentNaming Of(IReadOnlyList<string> generated, IReadOnlyDictionary<int, string> names)
    {
        foreach (int segment in names.Keys.Order())
        {
            if (segment < 1 || segment > generated.Count)
            {
                throw new ArgumentException(
                    $"SegmentNames names segment {segment}, but the segmentation has segments 1..{generated.Count}.", "options");
            }
        }

        return new([.. generated.Select((label, s) => names.TryGetValue(s + 1, out string? name) ? name.Trim() : label)]);
    }
}
