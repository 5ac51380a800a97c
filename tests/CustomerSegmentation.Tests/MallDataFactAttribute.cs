namespace CustomerSegmentation.Tests;

/// <summary>
/// A fact that needs ../shared/data/Mall_Customers.csv: skipped with a message when the file is absent,
/// mandatory (fails) when CI=true.
/// </summary>
public sealed class MallDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared data is absent outside CI.</summary>
    public MallDataFactAttribute()
    {
        if (TestData.MallCustomersCsv() is null)
        {
            Skip = "../shared/data/Mall_Customers.csv is absent beside the repository (mandatory when CI=true).";
        }
    }
}

/// <summary>A theory that needs ../shared/data/Mall_Customers.csv; skipped with a message when absent, mandatory when CI=true.</summary>
public sealed class MallDataTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared data is absent outside CI.</summary>
    public MallDataTheoryAttribute()
    {
        if (TestData.MallCustomersCsv() is null)
        {
            Skip = "../shared/data/Mall_Customers.csv is absent beside the repository (mandatory when CI=true).";
        }
    }
}

/// <summary>A fact that needs ../shared/data/CDNOW_sample.txt; skipped with a message when absent, mandatory when CI=true.</summary>
public sealed class CdnowDataFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when the shared data is absent outside CI.</summary>
    public CdnowDataFactAttribute()
    {
        if (TestData.CdnowSample() is null)
        {
            Skip = "../shared/data/CDNOW_sample.txt is absent beside the repository (mandatory when CI=true).";
        }
    }
}
