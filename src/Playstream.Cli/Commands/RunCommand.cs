using System.CommandLine;
using Playstream.Cli.Views;
using Playstream.Embedded.Runs;
using Playstream.Settings;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream run</c>: the embedded pipeline over files, start to finish.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var events = new Option<string[]>("--events") { Description = "Event log files (event_id,customer_id,track_id,datetime,ismobile,zip)", Required = true, AllowMultipleArgumentsPerToken = true };
        var customers = new Option<string?>("--customers") { Description = "Customer file (cust.csv)" };
        var tracks = new Option<string?>("--tracks") { Description = "Track catalogue (music.csv)" };
        var export = new Option<string?>("--export") { Description = "Write the results as JSON Lines into this folder" };
        var store = new Option<string?>("--store") { Description = "Embedded store to write (default: .playstream/store.db)" };
        var noPlays = new Option<bool>("--no-plays") { Description = "Keep only results, not the enriched plays" };
        var parallelism = new Option<int>("--parallelism") { Description = "Reader threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var follow = new Option<bool>("--follow") { Description = "Keep reading what is appended to the event files and write the results every few seconds, until Ctrl-C or SIGTERM (for the live dashboard); resumes from its checkpoint when run again" };
        var fresh = new Option<bool>("--fresh") { Description = "With --follow: ignore the checkpoint and start over (a run without --follow always starts over)" };
        var lateness = AllowedLatenessOption.Create("With --follow, for endless streams: a play this far behind the latest (e.g. 2h) is a dead letter `late`, and older state is dropped once its results are final; default: any lateness");
        var analytics = new AnalyticsOptions();

        var command = new Command("run", "Run the whole pipeline embedded, on files, with no servers");
        foreach (var option in new Option[] { events, customers, tracks, export, store, noPlays, parallelism, follow, fresh, lateness })
            command.Options.Add(option);
        analytics.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var options = new EmbeddedRunOptions
            {
                EventFiles = result.GetValue(events) ?? [],
                CustomersFile = result.GetValue(customers),
                TracksFile = result.GetValue(tracks),
                ExportDirectory = result.GetValue(export),
                StorePath = result.GetValue(store) ?? PlaystreamHome.DefaultStore,
                StorePlays = !result.GetValue(noPlays),
                Settings = analytics.Read(result),
                Parallelism = Math.Max(1, result.GetValue(parallelism)),
            };
            var allowedLateness = AllowedLatenessOption.Read(result, lateness);
            EmbeddedRunReport report;
            if (result.GetValue(follow))
                report = FollowRun.Run(options, new FollowOptions { AllowedLateness = allowedLateness, Fresh = result.GetValue(fresh) });
            else if (allowedLateness is not null)
                throw new Core.Engine.SettingsException("--allowed-lateness: only with --follow (a run over whole files is exact whatever the order of its plays)");
            else
                report = RunProgressView.Run(options);
            RunSummaryView.Render(report);
            return 0;
        }));
        return command;
    }
}
