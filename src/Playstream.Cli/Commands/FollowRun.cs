using Playstream.Embedded.Runs;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream run --follow</c>: tails the event files and writes results (and a checkpoint)
/// every 2 s until Ctrl-C or SIGTERM, both of which write the final results and a last checkpoint.
/// </summary>
internal static class FollowRun
{
    public static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(2);

    public static EmbeddedRunReport Run(EmbeddedRunOptions options, FollowOptions follow)
    {
        using var stop = StopSignal.Listen();
        AnsiConsole.MarkupLine($"following {options.EventFiles.Count} file(s) into [blue]{Markup.Escape(Path.GetFullPath(options.StorePath))}[/]; Ctrl-C writes the final results and stops");
        AnsiConsole.MarkupLine("watch it live with [blue]playstream dashboard --store " + Markup.Escape(options.StorePath) + "[/]");
        var last = -1L;
        return FollowingRunner.RunAsync(options, follow with
        {
            WriteEvery = WriteEvery,
            Report = line => Console.WriteLine(line),
            OnWrite = events =>
            {
                if (events != last)
                    Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {events:N0} plays");
                last = events;
            },
        }, stop.Token).GetAwaiter().GetResult();
    }
}
