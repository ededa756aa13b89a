using System.CommandLine;
using System.Text.Json;
using Playstream.Cli.Views;
using Playstream.Core.Generation;
using Playstream.Embedded.Runs;
using Playstream.Settings;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream demo</c>: the first thing a new user runs. Generates a sample once (about a
/// million plays), runs the embedded pipeline on it, shows what it found, and serves the
/// dashboard over the results until Ctrl-C (unless <c>--no-dashboard</c>).
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var events = new Option<string[]>("--events") { Description = "Your own event logs instead of the generated sample", AllowMultipleArgumentsPerToken = true };
        var customers = new Option<string?>("--customers") { Description = "Your own customer file" };
        var tracks = new Option<string?>("--tracks") { Description = "Your own track catalogue" };
        var plays = new Option<long>("--plays") { Description = "Size of the generated sample", DefaultValueFactory = _ => 1_000_000 };
        var store = new Option<string?>("--store") { Description = "Embedded store to write (default: .playstream/store.db)" };
        var noDashboard = new Option<bool>("--no-dashboard") { Description = "Exit after showing the results instead of serving the dashboard" };
        var port = new Option<int>("--port") { Description = "Dashboard port (0 picks a free one)", DefaultValueFactory = _ => Dashboard.Server.DashboardOptions.DefaultPort };
        var analytics = new AnalyticsOptions();

        var command = new Command("demo", "Generate a sample (once), run the pipeline embedded, and show the results");
        foreach (var option in new Option[] { events, customers, tracks, plays, store, noDashboard, port })
            command.Options.Add(option);
        analytics.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var settings = analytics.Read(result);
            var userEvents = result.GetValue(events) ?? [];
            string[] eventFiles;
            string? customersFile = result.GetValue(customers), tracksFile = result.GetValue(tracks);
            if (userEvents.Length > 0)
            {
                eventFiles = userEvents;
            }
            else
            {
                var sample = EnsureSample(result.GetValue(plays));
                eventFiles = [sample.EventFile];
                customersFile ??= sample.CustomerFile;
                tracksFile ??= sample.TrackFile;
            }

            var report = RunProgressView.Run(new EmbeddedRunOptions
            {
                EventFiles = eventFiles,
                CustomersFile = customersFile,
                TracksFile = tracksFile,
                StorePath = result.GetValue(store) ?? PlaystreamHome.DefaultStore,
                Settings = settings,
            });
            RunSummaryView.Render(report);
            DemoResultsView.Render(report);
            if (result.GetValue(noDashboard))
                return 0;
            return DashboardCommand.Serve(new Dashboard.Sources.EmbeddedStoreSource(report.StorePath),
                new Dashboard.Server.DashboardOptions { Port = result.GetValue(port) }, $"store {report.StorePath}");
        }));
        return command;
    }

    /// <summary>The generated sample, made on first use and reused while its size is the same.</summary>
    private static GenerationResult EnsureSample(long plays)
    {
        var directory = Path.Combine(PlaystreamHome.DemoData, $"{plays}");
        var marker = Path.Combine(directory, "generated.json");
        if (File.Exists(marker) && JsonSerializer.Deserialize<GenerationResult>(File.ReadAllText(marker)) is { } existing
            && File.Exists(existing.EventFile) && File.Exists(existing.CustomerFile) && File.Exists(existing.TrackFile))
        {
            AnsiConsole.MarkupLine($"using the sample in [blue]{Markup.Escape(directory)}[/]");
            return existing;
        }
        var options = new GeneratorOptions { Events = plays };
        GenerateCommand.Validate(options);
        AnsiConsole.MarkupLine($"generating a sample of {RunSummaryView.N(plays)} plays into [blue]{Markup.Escape(directory)}[/] (once)");
        var generated = GenerateCommand.Generate(options, directory);
        File.WriteAllText(marker, JsonSerializer.Serialize(generated));
        return generated;
    }
}
