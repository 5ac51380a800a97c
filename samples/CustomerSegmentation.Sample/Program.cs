using CustomerSegmentation.Sample;
using Spectre.Console;

// The real consoles: progress and colour on a terminal; plain, unwrapped lines when the output is redirected.
IAnsiConsole output = Console.IsOutputRedirected ? SampleConsole.Plain(Console.Out) : AnsiConsole.Console;
IAnsiConsole error = Console.IsErrorRedirected
    ? SampleConsole.Plain(Console.Error)
    : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
return SampleProgram.Run(args, output, error);
