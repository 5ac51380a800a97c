using CustomerSegmentation.Clustering;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Sample;

/// <summary>The sample's command line, parsed and checked (by <see cref="SampleCommandLine"/>).</summary>
internal sealed record SampleOptions
{
    public static readonly string[] DefaultFeatures = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];

    public SampleMode Mode { get; init; }

    public bool SkipBadRows { get; init; }

    public bool Whitespace { get; init; }

    public string[]? Columns { get; init; }

    public PeriodUnit Unit { get; init; } = PeriodUnit.Weeks;

    public int Months { get; init; } = 12;

    public DateOnly? CalibrationEnd { get; init; }

    public string? Input { get; init; }

    public IReadOnlyList<string> Features { get; init; } = DefaultFeatures;

    public string? Id { get; init; }

    public IReadOnlyList<string>? Attributes { get; init; }

    public int? K { get; init; }

    public int KMin { get; init; } = 1;

    public int KMax { get; init; } = 10;

    public bool RangeGiven { get; init; }

    public FeatureScaling Scaling { get; init; } = FeatureScaling.Standard;

    public bool MiniBatch { get; init; }

    public bool KPrototypes { get; init; }

    public IReadOnlyList<string> Categorical { get; init; } = [];

    public bool GaussianMixture { get; init; }

    public GaussianCovariance Covariance { get; init; }

    public bool Gap { get; init; }

    public bool Stability { get; init; }

    public int Seed { get; init; } = 42;

    public string Out { get; init; } = "segmentation-output";

    public string? Transactions { get; init; }

    public string CustomerColumn { get; init; } = "CustomerId";

    public string DateColumn { get; init; } = "Timestamp";

    public string? AmountColumn { get; init; }

    public string? QuantityColumn { get; init; }

    public string? PriceColumn { get; init; }

    public string? OrderColumn { get; init; }

    public string? DateFormat { get; init; }
}

/// <summary>What the sample does: one subcommand each.</summary>
internal enum SampleMode
{
    /// <summary>Segments customers (the default).</summary>
    Segment,

    /// <summary>Segments transactions' customers by recency, frequency and monetary value.</summary>
    Rfm,

    /// <summary>Fits the lifetime-value models and segments by CLV.</summary>
    Clv,
}
