using Playstream.Cli.Commands;
using Playstream.Embedded.Runs;
using Spectre.Console;

namespace Playstream.Cli.Views;

/// <summary>Runs the embedded pipeline with a progress bar over the bytes of the event files.</summary>
internal static class RunProgressView
{
    public static EmbeddedRunReport Run(EmbeddedRunOptions options)
    {
        using var stop = StopSignal.Listen();
        EmbeddedRunReport? report = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("reading plays");
                var progress = new Progress<RunProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesRead;
                });
                report = EmbeddedRunner.RunAsync(options, progress, stop.Token).GetAwaiter().GetResult();
                task.Value = task.MaxValue;
            });
        return report!;
    }
}
