using System.Collections;
using System.Collections.Immutable;

using CustomerSegmentation.Data;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// Each customer's segment, in the customers' order. The collection keeps one cluster id and one distance per
/// customer, and reads the customer ids from <see cref="SegmentationResult.Customers"/>. Each
/// <see cref="SegmentAssignment"/> is made when it is read, so a result for 10 million customers does not hold 10
/// million records, nor 10 million id strings until <see cref="CustomerTable.Ids"/> is read. Reading the same index
/// twice gives equal records.
/// </summary>
public sealed class SegmentAssignments : IReadOnlyList<SegmentAssignment>
{
    private readonly CustomerTable _customers;
    private readonly ImmutableArray<int> _clusters;
    private readonly int[] _segmentOfCluster;
    private readonly string[] _labelOfSegment;
    private readonly double[] _distances;
    private readonly double[,]? _probabilities;

    /// <param name="customers">The customers, whose ids the assignments carry.</param>
    /// <param name="clusters">Each customer's 0-based cluster.</param>
    /// <param name="segmentOfCluster">The segment number (1..K) of each cluster.</param>
    /// <param name="labelOfSegment">The label of each segment, item s - 1 for segment s.</param>
    /// <param name="distances">Each customer's distance to its centre (the array is kept, not copied).</param>
    /// <param name="probabilities">The membership probabilities by customer and cluster, or null.</param>
    internal SegmentAssignments(
        CustomerTable customers, ImmutableArray<int> clusters, int[] segmentOfCluster, string[] labelOfSegment, double[] distances, double[,]? probabilities)
    {
        if (customers.RowCount != clusters.Length || distances.Length != clusters.Length || (probabilities is not null && probabilities.GetLength(0) != clusters.Length))
        {
            throw new ArgumentException($"The assignments need one id, cluster, distance and probability row per customer; got {customers.RowCount} customers for {clusters.Length} clusters.", nameof(customers));
        }

        _customers = customers;
        _clusters = clusters;
        _segmentOfCluster = segmentOfCluster;
        _labelOfSegment = labelOfSegment;
        _distances = distances;
        _probabilities = probabilities;
    }

    /// <summary>The number of customers.</summary>
    public int Count => _clusters.Length;

    /// <summary>Whether the clustering model gave membership probabilities (then every assignment carries them).</summary>
    public bool HasProbabilities => _probabilities is not null;

    /// <summary>The assignment of customer <paramref name="index"/> (0-based, in the customers' order).</summary>
    /// <param name="index">The customer's position, 0..<see cref="Count"/> - 1.</param>
    /// <returns>A new record holding the customer's id, segment, label, distance and probabilities.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public SegmentAssignment this[int index]
    {
        get
        {
            int segment = SegmentOf(index);
            double[]? probabilities = _probabilities is null ? null : SegmentationModel.InSegmentOrder(_probabilities, index, _segmentOfCluster);
            return new SegmentAssignment(_customers.IdAt(index), segment, _labelOfSegment[segment - 1], _distances[index], probabilities);
        }
    }

    /// <summary>The segment number (1..K) of customer <paramref name="index"/>, without making a record.</summary>
    /// <param name="index">The customer's position, 0..<see cref="Count"/> - 1.</param>
    /// <returns>The segment number.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public int SegmentOf(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Count} assignments; the index must be 0..{Count - 1}.");
        }

        return _segmentOfCluster[_clusters[index]];
    }

    /// <summary>Every assignment, in the customers' order.</summary>
    /// <returns>An enumerator that makes each record as it goes.</returns>
    public IEnumerator<SegmentAssignment> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
