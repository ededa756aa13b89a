using System.CommandLine;
using Playstream.Settings;
using Playstream.Core.Engine;
using Playstream.Redis;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream load customers|tracks FILE</c>: the lookup files into Redis, once or on every change.</summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var command = new Command("load", "Load the customer or track file into Redis, where the servers' pipeline reads it");
        command.Subcommands.Add(CreateKind(LoadKind.Customers, "Load the customer file (cust.csv)"));
        command.Subcommands.Add(CreateKind(LoadKind.Tracks, "Load the track catalogue (music.csv)"));
        return command;
    }

    private static Command CreateKind(LoadKind kind, string description)
    {
        var file = new Argument<string>("FILE") { Description = kind == LoadKind.Customers ? "Customer file (CustID,Name,Gender,...)" : "Track file (TrackId,Title,Artist,Length)" };
        // The Redis connection comes from the one settings model (file, environment, options), as for `process`.
        var connection = new ConnectionOptions();
        var layout = new Option<string>("--layout")
        {
            Description = "Key layout: playstream (playstream:customer:{id}) or original (the bare id, the original loader's fields)",
            DefaultValueFactory = _ => "playstream",
        };
        layout.AcceptOnlyFromAmong("playstream", "original");
        var watch = new Option<bool>("--watch") { Description = "Keep running and load the file again whenever it changes (Ctrl-C stops)" };
        var wait = new Option<string>("--wait") { Description = "How long to keep retrying a Redis that does not answer (e.g. 30s, 2m)", DefaultValueFactory = _ => "30s" };

        var name = kind == LoadKind.Customers ? "customers" : "tracks";
        var command = new Command(name, description);
        command.Arguments.Add(file);
        connection.AddRedisTo(command);
        foreach (var option in new Option[] { layout, watch, wait })
            command.Options.Add(option);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var request = new LoadRequest(
                kind,
                result.GetValue(file)!,
                ConnectorOptions.Redis(connection.Read(result)),
                result.GetValue(layout) == "original" ? RedisLookupLayout.Original : RedisLookupLayout.Playstream,
                result.GetValue(watch),
                TimeSpan.FromSeconds(ReadWait(result.GetValue(wait)!)));
            return LoadRunner.Run(request);
        }));
        return command;
    }

    private static int ReadWait(string text) =>
        DurationParser.TryParseSeconds(text, out var seconds)
            ? seconds
            : throw new SettingsException($"--wait: '{text}' is not a duration (e.g. 30s, 2m)");
}
