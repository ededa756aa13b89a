using System.Text.Json;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.IntegrationTests.Elasticsearch.Sinks;

/// <summary>The results reader against the real Elasticsearch: the status that says results exist, the breakdowns, and indices with nothing in them.</summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ElasticsearchResultsReaderTests(ElasticsearchServer server) : IDisposable
{
    private readonly string _prefix = ElasticsearchServer.NewIndexName("reader");

    public void Dispose() => server.DeleteIndices(_prefix);

    [Fact]
    public async Task Before_the_first_write_there_is_no_status_and_after_each_write_a_newer_one()
    {
        using var client = server.CreateClient();
        var indices = new PlaystreamIndices(_prefix);
        var reader = new ElasticsearchResultsReader(client, indices);
        Assert.Null(await reader.ReadStatusAsync());

        var writer = new ElasticsearchResultsWriter(client, indices);
        await writer.WriteAsync(new ResultChanges { Summary = new RunSummary(7, 0, 0, 0, new Dictionary<string, long>()) });
        await reader.RefreshAsync();
        var first = JsonDocument.Parse((await reader.ReadStatusAsync())!).RootElement;
        await writer.WriteAsync(new ResultChanges());
        await reader.RefreshAsync();
        var second = JsonDocument.Parse((await reader.ReadStatusAsync())!).RootElement;

        Assert.Equal((7L, 1L), (first.GetProperty("events").GetInt64(), first.GetProperty("writes").GetInt64()));
        Assert.Equal((7L, 2L), (second.GetProperty("events").GetInt64(), second.GetProperty("writes").GetInt64()));
        Assert.True(DateTimeOffset.TryParse(second.GetProperty("written_at").GetString(), out _));
    }

    [Fact]
    public async Task Breakdowns_come_back_by_pane_dimension_and_key_and_zips_most_played_first()
    {
        using var client = server.CreateClient();
        var indices = new PlaystreamIndices(_prefix);
        var breakdowns = new BreakdownResults(
            [new PanePlays(300, 600, "gender", "F", 1), new PanePlays(0, 300, "level", "gold", 2), new PanePlays(0, 300, "gender", "M", 2)],
            [new ZipPlays("9", 1), new ZipPlays("1", 3), new ZipPlays("0", 1)]);
        await new ElasticsearchResultsWriter(client, indices).WriteAsync(new ResultChanges { Breakdowns = breakdowns });
        var reader = new ElasticsearchResultsReader(client, indices);
        await reader.RefreshAsync();

        var back = await reader.ReadBreakdownsAsync();

        Assert.Equal([new PanePlays(0, 300, "gender", "M", 2), new PanePlays(0, 300, "level", "gold", 2), new PanePlays(300, 600, "gender", "F", 1)], back.Panes);
        Assert.Equal([new ZipPlays("1", 3), new ZipPlays("0", 1), new ZipPlays("9", 1)], back.Zips);
    }

    [Fact]
    public async Task Indices_created_but_empty_read_as_no_results()
    {
        using var client = server.CreateClient();
        var indices = new PlaystreamIndices(_prefix);
        await new ElasticsearchResultsWriter(client, indices).EnsureIndicesAsync();
        var reader = new ElasticsearchResultsReader(client, indices);

        var results = await reader.ReadAsync();

        Assert.Empty(results.Activity);
        Assert.Empty(results.Interests);
        Assert.Equal(0, results.Summary.Events);
        Assert.Equal(new ProfileSummary(0, 0, 0, 0, 0, 0, 0), results.ProfileSummary);
    }
}
