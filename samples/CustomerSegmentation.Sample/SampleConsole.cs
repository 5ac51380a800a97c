using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CustomerSegmentation.Sample;

/// <summary>
/// The sample's output on a Spectre.Console console: plain lines, bordered tables, and progress of the long stages
/// (the sweep, the stability resamples, the CLV fit) drawn only when the console is interactive, so redirected output
/// and tests get the lines in order with no progress noise and no escape codes.
/// </summary>
internal sealed class SampleConsole(IAnsiConsole console)
{
    /// <summary>The width of a console that is not a terminal: wide enough that no line or table is wrapped.</summary>
    public const int PlainWidth = 4096;

    private readonly Lock _gate = new();

    /// <summary>Whether progress is drawn (a terminal) or left out (redirected output, tests).</summary>
    public bool Interactive => console.Profile.Capabilities.Interactive;

    /// <summary>A console on <paramref name="writer"/> with no escape codes, colours or interaction, and no wrapping.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        IAnsiConsole plain = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        plain.Profile.Width = PlainWidth;
        return plain;
    }

    /// <summary>Writes one line of plain text (never read as markup).</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            console.Write(new Text(text));
            console.WriteLine();
        }
    }

    /// <summary>Writes a table of <paramref name="header"/> and <paramref name="rows"/>; numeric columns are right-aligned.</summary>
    public void Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (int c = 0; c < header.Count; c++)
        {
            bool numeric = rows.Any(row => IsNumber(row[c])) && rows.All(row => IsNumber(row[c]) || row[c] is "-" or "n/a" or "");
            table.AddColumn(new TableColumn(new Text(header[c])) { Alignment = numeric ? Justify.Right : Justify.Left });
        }

        foreach (IReadOnlyList<string> row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        }

        lock (_gate)
        {
            console.Write(table);
        }
    }

    /// <summary>Writes one of the library's Markdown tables as a bordered console table.</summary>
    public void Table(string markdown)
    {
        (IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<string> notes) = MarkdownCells.Parse(markdown);
        Table(header, rows);
        foreach (string note in notes)
        {
            Line(note);
        }
    }

    /// <summary>Writes an error line: "error: ..." with the prefix in red on a terminal.</summary>
    public void Error(string message)
    {
        lock (_gate)
        {
            console.Markup("[red]error:[/] ");
            console.Write(new Text(message));
            console.WriteLine();
        }
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar per pipeline stage on a terminal, or silently otherwise.</summary>
    public T WithProgress<T>(Func<IProgress<SegmentationProgress>?, T> work)
    {
        if (!Interactive)
        {
            return work(null);
        }

        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context => result = work(new StageBars(context)));
        return result;
    }

    /// <summary>Runs the lifetime-value fit with a status line of its evaluations on a terminal, or silently otherwise.</summary>
    public T WithFitStatus<T>(Func<IProgress<LikelihoodFitProgress>?, T> work)
    {
        if (!Interactive)
        {
            return work(null);
        }

        T result = default!;
        console.Status().Start("Fitting the lifetime-value models", context => result = work(new FitStatus(context)));
        return result;
    }

    private static bool IsNumber(string cell)
        => cell.Length > 0 && double.TryParse(
            cell.TrimEnd('%').Replace(",", string.Empty, StringComparison.Ordinal).TrimStart('+'),
            System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture,
            out _);

    /// <summary>The status line of the lifetime-value fit: the model, its evaluations so far and its log-likelihood.</summary>
    private sealed class FitStatus(StatusContext context) : IProgress<LikelihoodFitProgress>
    {
        public void Report(LikelihoodFitProgress value)
            => context.Status(Markup.Escape(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Fitting {value.Model}: {value.Evaluations:N0} evaluations, log-likelihood {value.LogLikelihood:F1}")));
    }

    /// <summary>One progress bar per stage of the pipeline, created when the stage first reports (from any thread).</summary>
    private sealed class StageBars(ProgressContext context) : IProgress<SegmentationProgress>
    {
        private readonly Dictionary<string, ProgressTask> _bars = [];
        private readonly Lock _gate = new();

        public void Report(SegmentationProgress value)
        {
            lock (_gate)
            {
                if (!_bars.TryGetValue(value.Stage, out ProgressTask? bar))
                {
                    bar = context.AddTask(Markup.Escape(value.Stage), maxValue: Math.Max(1, value.Total));
                    _bars[value.Stage] = bar;
                }

                bar.MaxValue = Math.Max(1, value.Total);
                bar.Value = Math.Max(bar.Value, value.Completed);
                bar.Description = Markup.Escape($"{value.Stage}: {value.Message}");
            }
        }
    }
}

/// <summary>The header and rows of a Markdown table as the library writes them (a <c>\|</c> in a cell is a pipe).</summary>
internal static class MarkdownCells
{
    /// <summary>
    /// The cells of <paramref name="markdown"/> (its first table line is the header, its second the separator) and the
    /// lines around the table that are not blank (notes, such as a verdict under it).
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes) Parse(string markdown)
    {
        string[] lines = [.. markdown.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
        string[][] table = [.. lines.Where(l => l.StartsWith('|')).Select(Cells)];
        return (table[0], table.Skip(2).ToArray(), [.. lines.Where(l => !l.StartsWith('|'))]);
    }

    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        for (int i = 1; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (line[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(line[i]);
            }
        }

        return [.. cells];
    }
}
