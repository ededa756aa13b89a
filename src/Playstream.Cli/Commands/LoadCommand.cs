using System.CommandLine;
using Playstream.Core.Engine;
using Playstream.Redis;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream load customers|tracks FILE</c>: the lookup files into Redis, once or on every change.</summary>
internal static class LoadCommand
{
    public const string RedisEnvironment = "PLAYSTREAM_REDIS";
    public const string PasswordEnvironment = "PLAYSTREAM_REDIS_PASSWORD";

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
        // Resolved in the action rather than by a default value: help prints defaults, and the
        // variable may hold a configuration string with a password in it.
        var redis = new Option<string?>("--redis")
        {
            Description = $"Redis host:port (or a configuration string); env {RedisEnvironment}; default {RedisOptions.DefaultEndpoint}",
        };
        // No default value either, for the same reason.
        var password = new Option<string?>("--redis-password") { Description = $"Redis password; env {PasswordEnvironment}" };
        var tls = new Option<bool>("--redis-tls") { Description = "Connect to Redis over TLS" };
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
        foreach (var option in new Option[] { redis, password, tls, layout, watch, wait })
            command.Options.Add(option);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var request = new LoadRequest(
                kind,
                result.GetValue(file)!,
                ReadRedisOptions(result.GetValue(redis), result.GetValue(password), result.GetValue(tls)),
                result.GetValue(layout) == "original" ? RedisLookupLayout.Original : RedisLookupLayout.Playstream,
                result.GetValue(watch),
                TimeSpan.FromSeconds(ReadWait(result.GetValue(wait)!)));
            return LoadRunner.Run(request);
        }));
        return command;
    }

    internal static RedisOptions ReadRedisOptions(string? endpoint, string? password, bool tls)
    {
        var options = new RedisOptions
        {
            Endpoint = endpoint ?? (Environment.GetEnvironmentVariable(RedisEnvironment) is { Length: > 0 } env ? env : RedisOptions.DefaultEndpoint),
            Password = password ?? (Environment.GetEnvironmentVariable(PasswordEnvironment) is { Length: > 0 } secret ? secret : null),
            UseTls = tls,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new SettingsException($"--redis: {e.Message}", e);
        }
        return options;
    }

    private static int ReadWait(string text) =>
        DurationParser.TryParseSeconds(text, out var seconds)
            ? seconds
            : throw new SettingsException($"--wait: '{text}' is not a duration (e.g. 30s, 2m)");
}
