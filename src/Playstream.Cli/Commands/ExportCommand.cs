using System.CommandLine;
using Playstream.Settings;
using Playstream.Core.Export;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Embedded.Store;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream export DIR</c>: the results in the export format, read back from
/// Elasticsearch (full stack) or from an embedded store (<c>--store</c>), so both modes can be
/// checked the same way.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("DIR") { Description = "Folder to write the JSON Lines files into" };
        var store = new Option<string?>("--store") { Description = "Read an embedded store instead of Elasticsearch" };
        var connection = new ConnectionOptions();
        var command = new Command("export", "Write the results (from Elasticsearch, or an embedded store) as JSON Lines");
        command.Arguments.Add(directory);
        command.Options.Add(store);
        connection.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var target = result.GetValue(directory)!;
            Core.Results.AnalyticsResults results;
            string from;
            if (result.GetValue(store) is { } storePath)
            {
                using var reader = new StoreReader(storePath);
                results = reader.ReadResults();
                from = storePath;
            }
            else
            {
                var settings = connection.Read(result);
                using var client = new ElasticsearchClient(ConnectorOptions.Elasticsearch(settings, notice => Console.Error.WriteLine(notice.ToString())));
                var reader = new ElasticsearchResultsReader(client, new PlaystreamIndices(settings.Elasticsearch.IndexPrefix));
                reader.RefreshAsync().GetAwaiter().GetResult();
                results = reader.ReadAsync().GetAwaiter().GetResult();
                from = $"elasticsearch {settings.Elasticsearch.Urls} (indices {settings.Elasticsearch.IndexPrefix}-*)";
            }
            ResultsExporter.Write(results, target);
            AnsiConsole.MarkupLine($"exported {results.Summary.Events:N0} events' results from {Markup.Escape(from)} into [blue]{Markup.Escape(Path.GetFullPath(target))}[/]");
            return 0;
        }));
        return command;
    }
}
