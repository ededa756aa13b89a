using System.Runtime.InteropServices;
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
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        // A service manager (or `kill`) stops with SIGTERM: the same clean stop as Ctrl-C.
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
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
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
