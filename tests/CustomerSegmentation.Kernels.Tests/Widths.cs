using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Kernels.Tests;

/// <summary>Theory data over every vector width this machine runs (CI reruns the project with the wider ones off).</summary>
internal static class Widths
{
    /// <summary>Every supported width with every given feature count, as (lanes, features).</summary>
    public static TheoryData<int, int> WithFeatures(IEnumerable<int> featureCounts)
    {
        var data = new TheoryData<int, int>();
        int[] counts = featureCounts.ToArray();
        foreach (VectorWidth width in VectorWidths.Supported)
        {
            foreach (int d in counts)
            {
                data.Add((int)width, d);
            }
        }

        return data;
    }
}
