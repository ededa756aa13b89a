using System.CommandLine;
using Playstream.Core.Engine;
using Playstream.Core.Generation;
using Playstream.Cli.Views;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream generate</c>: synthetic customers, tracks and plays in the seed's formats.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var outDir = new Option<string?>("--out") { Description = "Folder to write cust.csv, music.csv and tracks.csv into" };
        var customers = new Option<int>("--customers") { Description = "Customers", DefaultValueFactory = _ => new GeneratorOptions().Customers };
        var tracks = new Option<int>("--tracks") { Description = "Tracks", DefaultValueFactory = _ => new GeneratorOptions().Tracks };
        var events = new Option<long>("--events") { Description = "Plays", DefaultValueFactory = _ => new GeneratorOptions().Events };
        var days = new Option<int>("--days") { Description = "Days the plays span", DefaultValueFactory = _ => new GeneratorOptions().Days };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed gives the same files", DefaultValueFactory = _ => new GeneratorOptions().Seed };
        var shuffle = new Option<bool>("--shuffle") { Description = "Lines in random order instead of time order (the same seed gives the same order)" };
        var badLines = new Option<double>("--bad-lines") { Description = "Share of lines that are broken (0-0.5), in place of plays", DefaultValueFactory = _ => 0 };
        var unknownIds = new Option<double>("--unknown-ids") { Description = "Share of plays whose customer or track is not in the lookup files (0-0.5)", DefaultValueFactory = _ => 0 };
        var heldOut = new Option<bool>("--held-out") { Description = "The shape of a real held-out log: --shuffle, 0.4% bad lines, 2% unknown ids (unless given)" };
        var live = new Option<string?>("--live") { Description = "Append plays with the current time to this log file until stopped" };
        var rate = new Option<double>("--rate") { Description = "Lines per second for --live", DefaultValueFactory = _ => 100 };
        var replay = new Option<string?>("--replay") { Description = "With --live: replay this existing log into the live file" };
        var retime = new Option<bool>("--retime") { Description = "With --replay: rewrite each replayed line's datetime to now" };

        var command = new Command("generate", "Generate sample data, or append live plays to a log file");
        foreach (var option in new Option[] { outDir, customers, tracks, events, days, seed, shuffle, badLines, unknownIds, heldOut, live, rate, replay, retime })
            command.Options.Add(option);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var options = new GeneratorOptions
            {
                Customers = result.GetValue(customers),
                Tracks = result.GetValue(tracks),
                Events = result.GetValue(events),
                Days = result.GetValue(days),
                Seed = result.GetValue(seed),
            };
            if (result.GetValue(heldOut))
                options = options.AsHeldOut();
            options = options with
            {
                Shuffle = options.Shuffle || result.GetValue(shuffle),
                BadLines = result.GetResult(badLines) is { Implicit: false } ? result.GetValue(badLines) : options.BadLines,
                UnknownIds = result.GetResult(unknownIds) is { Implicit: false } ? result.GetValue(unknownIds) : options.UnknownIds,
            };
            Validate(options);
            if (result.GetValue(live) is { } liveFile)
                return LiveCommand.Run(liveFile, result.GetValue(rate), result.GetValue(replay), result.GetValue(retime), options);
            var directory = result.GetValue(outDir) ?? throw new SettingsException("--out: give the folder to write into (or --live FILE to append live plays)");
            var generated = Generate(options, directory);
            AnsiConsole.MarkupLine($"wrote {RunSummaryView.N(generated.Customers)} customers, {RunSummaryView.N(generated.Tracks)} tracks and {RunSummaryView.N(generated.Events)} {(options.BadLines > 0 ? "event lines" : "plays")}{(options.Shuffle ? " in random order" : "")} into [blue]{Markup.Escape(Path.GetFullPath(directory))}[/]");
            return 0;
        }));
        return command;
    }

    internal static void Validate(GeneratorOptions options)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new SettingsException($"--{OptionName(ex.ParamName)}: {ex.Message.Split(" (Parameter")[0]}", ex);
        }
    }

    /// <summary>The option of a <see cref="GeneratorOptions"/> property: <c>BadLines</c> is <c>bad-lines</c>.</summary>
    private static string OptionName(string? property) =>
        string.Concat((property ?? "").Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Generates with a progress bar; shared with <c>demo</c>.</summary>
    internal static GenerationResult Generate(GeneratorOptions options, string directory)
    {
        GenerationResult? generated = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"generating {RunSummaryView.N(options.Events)} plays", maxValue: Math.Max(1, options.Events));
                generated = new DataGenerator(options).Generate(directory, new Progress<long>(n => task.Value = n));
                task.Value = task.MaxValue;
            });
        return generated!;
    }
}
