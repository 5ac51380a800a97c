namespace CustomerSegmentation.DemoData;

/// <summary>
/// A kind of mall customer: the mean and standard deviation of each feature and how common the kind is.
/// Features are drawn independently from normal distributions and then rounded and clamped to realistic ranges.
/// </summary>
/// <param name="Name">A short human name, such as "Young big spenders".</param>
/// <param name="Share">The fraction of all customers drawn from this persona (the shares of all personas sum to 1).</param>
/// <param name="FemaleShare">The probability that a customer of this persona is "Female" (0 to 1).</param>
/// <param name="AgeMean">The mean age in years.</param>
/// <param name="AgeSpread">The standard deviation of the age in years.</param>
/// <param name="IncomeMean">The mean annual income in thousands of dollars (k$).</param>
/// <param name="IncomeSpread">The standard deviation of the annual income in k$.</param>
/// <param name="ScoreMean">The mean spending score (1 to 100).</param>
/// <param name="ScoreSpread">The standard deviation of the spending score.</param>
public sealed record CustomerPersona(
    string Name,
    double Share,
    double FemaleShare,
    double AgeMean,
    double AgeSpread,
    double IncomeMean,
    double IncomeSpread,
    double ScoreMean,
    double ScoreSpread);
