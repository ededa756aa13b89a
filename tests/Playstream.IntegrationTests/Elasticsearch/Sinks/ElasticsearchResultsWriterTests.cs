using Playstream.Elasticsearch.Sinks;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;
using Xunit;

namespace Playstream.IntegrationTests.Elasticsearch.Sinks;

/// <summary>The results writer against the real Elasticsearch of the local stack, read back with the results reader.</summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ElasticsearchResultsWriterTests(ElasticsearchServer server)
{
    private static readonly string[] Log =
    [
        "0,1,10,\"2014-10-01 08:00:00\",1,\"72132\"",
        "1,1,10,\"2014-10-01 08:10:00\",0,\"72132\"",
        "2,1,10,\"2014-10-01 08:29:59\",1,\"72132\"",
        "3,2,11,\"2014-10-01 23:00:00\",0,\"10001\"",
        "4,9,12,\"2014-10-02 04:00:00\",1,\"\"",
        "5,2,bad,\"2014-10-02 04:00:00\",1,\"\"",
    ];

    [Fact]
    public async Task Results_written_are_read_back_equal_and_a_rewrite_replaces_them()
    {
        var expected = BruteForceReference.Compute(Log, new Dictionary<int, string> { [1] = "0", [2] = "1" }, new HashSet<int> { 10, 11 });
        var prefix = ElasticsearchServer.NewIndexName("results");
        using var client = server.CreateClient();
        var indices = new PlaystreamIndices(prefix);
        var writer = new ElasticsearchResultsWriter(client, indices);
        var first = await writer.WriteAsync(ResultChangesOf.All(expected));
        Assert.True(first >= expected.Activity.Count + expected.Profiles.Count);
        Assert.Equal(0, await writer.WriteAsync(ResultChangesOf.All(expected)));
        foreach (var (index, _) in indices.ResultIndices())
            await client.RefreshAsync(index);
        ResultsAssert.Equal(expected, await new ElasticsearchResultsReader(client, indices).ReadAsync());
        Assert.Equal(expected.Activity.Count, await client.CountAsync(indices.Activity));

        // One window moved: only its document is sent again, and it replaces the old one.
        var last = expected.Activity[^1];
        var changed = expected with { Activity = [.. expected.Activity.SkipLast(1), last with { Plays = last.Plays + 1 }] };
        Assert.Equal(1, await writer.WriteAsync(ResultChangesOf.All(changed)));
        await client.RefreshAsync(indices.Activity);
        ResultsAssert.Equal(changed, await new ElasticsearchResultsReader(client, indices).ReadAsync());
        Assert.Equal(expected.Activity.Count, await client.CountAsync(indices.Activity));
        foreach (var (index, _) in indices.ResultIndices())
            await client.DeleteIndexAsync(index);
    }

    [Fact]
    public async Task A_staler_writer_landing_last_cannot_undo_a_more_complete_window_or_an_earlier_interest()
    {
        // The complete view has a fourth play of customer 1's track 10; an instance with an older view lacks
        // the first: every window holding it counts one play fewer, and the interest is detected later.
        var genders = new Dictionary<int, string> { [1] = "0", [2] = "1" };
        var lines = Log.Append("6,1,10,\"2014-10-01 08:35:00\",0,\"72132\"").ToList();
        var complete = BruteForceReference.Compute(lines, genders, new HashSet<int> { 10, 11 });
        var stale = BruteForceReference.Compute(lines.Skip(1), genders, new HashSet<int> { 10, 11 });
        Assert.True(stale.Interests.Single().DetectedAt > complete.Interests.Single().DetectedAt);
        Assert.Contains(stale.Activity, w => w.Plays < complete.Activity.Single(c => c.WindowStart == w.WindowStart).Plays);
        var prefix = ElasticsearchServer.NewIndexName("versions");
        using var client = server.CreateClient();
        var indices = new PlaystreamIndices(prefix);

        await new ElasticsearchResultsWriter(client, indices).WriteAsync(ResultChangesOf.All(complete));
        // The stale writer lands last: every one of its results is an older version, and none replaces the newer.
        await new ElasticsearchResultsWriter(client, indices).WriteAsync(ResultChangesOf.All(stale));
        foreach (var (index, _) in indices.ResultIndices())
            await client.RefreshAsync(index);
        ResultsAssert.Equal(complete, await new ElasticsearchResultsReader(client, indices).ReadAsync());
        foreach (var (index, _) in indices.ResultIndices())
            await client.DeleteIndexAsync(index);
    }
}
