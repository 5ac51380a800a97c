using CustomerSegmentation.Sample;
using Spectre.Console;

// The real consoles: progress and colour on a terminal; plain, unwrapped lines when the output is redirected.
IAnsiConsole output = Console.IsOutputRedirected ? SampleConsole.Plain(Console.Out) : AnsiConsole.Console;
IAnsiConsole error = Console.IsErrorRedirected
    ? SampleConsole.Plain(Console.Error)
    : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

// Ctrl+C stops the run cleanly (one line, exit code 130, no half-written outputs) instead of killing the process.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return SampleProgram.Run(args, output, error, cancellation.Token);
