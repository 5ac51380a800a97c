using System.Collections.Immutable;

namespace CustomerSegmentation.Data;

/// <summary>
/// Rows too many to hold at once, read as a sequence of <see cref="FeatureMatrix"/> chunks. The source is
/// re-enumerable: every call of <see cref="ReadChunks"/> starts a new pass over the same rows, in the same order and
/// with the same chunk boundaries (a streamed fit's results depend on both). A file or a database query is one; see
/// <see cref="FeatureChunks"/> for rows already in memory.
/// </summary>
public interface IFeatureChunkSource
{
    /// <summary>The features of every chunk, in order.</summary>
    ImmutableArray<string> FeatureNames { get; }

    /// <summary>One pass over the rows: each chunk holds the next rows, with <see cref="FeatureNames"/> as its features.</summary>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>The chunks, in row order; a chunk may be released once the next is requested.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    IEnumerable<FeatureMatrix> ReadChunks(CancellationToken cancellationToken = default);
}
