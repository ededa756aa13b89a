using System.CommandLine;
using Playstream.Settings;
using Playstream.Dashboard.Server;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Redis;
using Playstream.Dashboard.Sources;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream dashboard</c>: serves the live dashboard page over the results of an
/// embedded store (<c>--store</c>, default the demo's), or of the full stack (<c>--stack</c>), until Ctrl-C.
/// </summary>
internal static class DashboardCommand
{
    public static Command Create()
    {
        var store = new Option<string?>("--store") { Description = "Embedded store to read (default: .playstream/store.db)" };
        var port = new Option<int>("--port") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => DashboardOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to bind; anything but loopback exposes the results to your network (see docs/dashboard.md)", DefaultValueFactory = _ => "127.0.0.1" };
        var stack = new Option<bool>("--stack") { Description = "Read the full-stack results (Elasticsearch, and Redis for names) instead of an embedded store" };
        var connection = new ConnectionOptions();
        var command = new Command("dashboard", "Serve the live dashboard (charts, top tracks, listeners, interests) on 127.0.0.1");
        foreach (var option in new Option[] { store, port, host, stack })
            command.Options.Add(option);
        connection.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var options = new DashboardOptions { Host = result.GetValue(host)!, Port = result.GetValue(port) };
            if (!result.GetValue(stack))
            {
                var source = new EmbeddedStoreSource(result.GetValue(store) ?? PlaystreamHome.DefaultStore);
                return Serve(source, options, $"store {source.StorePath}");
            }
            var settings = connection.Read(result);
            var redisOptions = ConnectorOptions.Redis(settings);
            using var client = new ElasticsearchClient(ConnectorOptions.Elasticsearch(settings));
            using var redis = RedisConnection.ConnectAsync(redisOptions).GetAwaiter().GetResult();
            var describe = $"elasticsearch {settings.Elasticsearch.Urls} ({settings.Elasticsearch.IndexPrefix}-*), redis {redisOptions.Describe()}";
            return Serve(new StackSource(client, new PlaystreamIndices(settings.Elasticsearch.IndexPrefix), redis, redisOptions.Keys, describe), options, describe);
        }));
        return command;
    }

    /// <summary>Serves until Ctrl-C or SIGTERM, printing the URL first.</summary>
    public static int Serve(IDashboardSource source, DashboardOptions options, string describe)
    {
        using var stop = StopSignal.Listen();
        var server = DashboardServer.StartAsync(source, options).GetAwaiter().GetResult();
        try
        {
            AnsiConsole.MarkupLine($"dashboard: [link]{Markup.Escape(server.Url)}[/]  ({Markup.Escape(describe)}; Ctrl-C stops it)");
            if (options.Host is not ("127.0.0.1" or "localhost" or "::1"))
                AnsiConsole.MarkupLine($"[yellow]bound to {Markup.Escape(options.Host)}: anyone who can reach this address can read the results (no login, no TLS)[/]");
            Console.Out.Flush();
            server.WaitAsync(stop.Token).GetAwaiter().GetResult();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        return 0;
    }
}
