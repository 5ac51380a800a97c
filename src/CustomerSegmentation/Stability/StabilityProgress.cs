namespace CustomerSegmentation.Stability;

/// <summary>Reported after each bootstrap resample is reclustered and matched.</summary>
/// <param name="Completed">How many resamples are finished.</param>
/// <param name="Total">How many resamples the assessment runs.</param>
public sealed record StabilityProgress(int Completed, int Total);
