using Playstream.Core.Generation;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary><c>generate --live</c>: the original demo's generator, appending plays to a log as they happen.</summary>
internal static class LiveCommand
{
    public static int Run(string liveFile, double rate, string? replay, bool retime, GeneratorOptions options)
    {
        if (rate <= 0)
            throw new Playstream.Core.Engine.SettingsException($"--rate: must be more than 0 lines per second (got {rate})");
        if (replay is not null && !File.Exists(replay))
            throw new FileNotFoundException($"replay file '{replay}' does not exist", replay);
        using var stop = StopSignal.Listen();
        AnsiConsole.MarkupLine($"appending {(replay is null ? "plays" : $"lines of {Markup.Escape(replay)}")} to [blue]{Markup.Escape(Path.GetFullPath(liveFile))}[/] at {rate:0.##} per second; Ctrl-C stops");
        var writer = new LiveWriter(new LiveWriterOptions
        {
            LiveFile = liveFile,
            Rate = rate,
            Customers = options.Customers,
            Tracks = options.Tracks,
            Seed = options.Seed,
            ReplaySource = replay,
            ReplayTime = retime ? ReplayTime.Now : ReplayTime.AsWritten,
        });
        long written;
        try
        {
            written = writer.RunAsync(stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            written = -1;
        }
        AnsiConsole.MarkupLine(written >= 0 ? $"stopped after {written:N0} lines" : "stopped");
        return 0;
    }
}
