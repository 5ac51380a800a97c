using CustomerSegmentation.Data;

namespace CustomerSegmentation.Pipeline;

/// <summary>Where a pipeline's customers come from; loaded once per run.</summary>
internal abstract class CustomerSource
{
    /// <summary>
    /// Loads the customers with the chosen features (null: the source's own), id column and extra columns; a CSV source
    /// honours <paramref name="cancellationToken"/> before reading and every few thousand rows.
    /// </summary>
    public abstract CustomerTable Load(IReadOnlyList<string>? features, string? idColumn, IReadOnlyList<string> attributes, CustomerCsvOptions csvOptions, CancellationToken cancellationToken);

    /// <summary>A CSV file (or a database query: <paramref name="kind"/> names it in messages), read again on every run.</summary>
    internal class Csv(Func<IReadOnlyList<string>, CustomerCsvOptions, CancellationToken, CustomerTable> read, string kind = "A CSV source") : CustomerSource
    {
        public override CustomerTable Load(IReadOnlyList<string>? features, string? idColumn, IReadOnlyList<string> attributes, CustomerCsvOptions csvOptions, CancellationToken cancellationToken)
        {
            if (features is null || features.Count == 0)
            {
                throw new InvalidOperationException(
                    $"{kind} needs its feature columns: call WithFeatures(\"Age\", \"Annual Income (k$)\", ...) before Run().");
            }

            return read(features, csvOptions with { IdColumn = idColumn ?? csvOptions.IdColumn, ExtraColumns = [.. csvOptions.ExtraColumns.Union(attributes, StringComparer.OrdinalIgnoreCase)] }, cancellationToken);
        }
    }

    /// <summary>
    /// A CSV stream: a seekable one is read from its starting position on every run; one that cannot seek is read
    /// by the first run only.
    /// </summary>
    internal sealed class CsvStream : Csv
    {
        private readonly Stream _stream;
        private readonly long _start;
        private int _runs;

        public CsvStream(Stream stream)
            : this(stream, stream.CanSeek ? stream.Position : -1)
        {
        }

        private CsvStream(Stream stream, long start)
            : base((features, csv, cancellationToken) => CustomerCsv.Read(stream, features, csv, cancellationToken))
        {
            _stream = stream;
            _start = start;
        }

        public override CustomerTable Load(IReadOnlyList<string>? features, string? idColumn, IReadOnlyList<string> attributes, CustomerCsvOptions csvOptions, CancellationToken cancellationToken)
        {
            if (features is null || features.Count == 0)
            {
                return base.Load(features, idColumn, attributes, csvOptions, cancellationToken); // throws: the features are missing
            }

            if (_start >= 0)
            {
                lock (_stream)
                {
                    _stream.Position = _start;
                    return base.Load(features, idColumn, attributes, csvOptions, cancellationToken);
                }
            }

            if (Interlocked.Increment(ref _runs) > 1)
            {
                throw new InvalidOperationException(
                    "The CSV stream was already read by an earlier Run() and cannot seek back to its start; run a pipeline over a stream that cannot seek once, or start it from a file path or a seekable stream (e.g. a MemoryStream).");
            }

            return base.Load(features, idColumn, attributes, csvOptions, cancellationToken);
        }
    }

    /// <summary>Customers already in memory.</summary>
    internal sealed class Table(CustomerTable table) : CustomerSource
    {
        public override CustomerTable Load(IReadOnlyList<string>? features, string? idColumn, IReadOnlyList<string> attributes, CustomerCsvOptions csvOptions, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (idColumn is not null)
            {
                throw new InvalidOperationException(
                    $"WithId(\"{idColumn}\") applies to CSV sources; in-memory customers bring their ids with them.");
            }

            var missing = attributes.Where(a => !table.Attributes.ContainsKey(a)).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException(
                    $"The customers have no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; their extra columns are: {(table.Attributes.Count == 0 ? "(none)" : string.Join(", ", table.Attributes.Keys))}.",
                    nameof(attributes));
            }

            FeatureMatrix chosen = features is null || features.Count == 0 ? table.Features : table.Features.SelectFeatures(features);
            IReadOnlyList<string> kept = attributes.Count > 0 ? attributes : [.. table.Attributes.Keys];
            return CustomerTable.FromFeatures(
                chosen,
                table.Ids,
                kept.ToDictionary(a => a, a => (IReadOnlyList<string>)table.Attributes[a], StringComparer.OrdinalIgnoreCase))
                .WithWordingsOf(table);
        }
    }
}
