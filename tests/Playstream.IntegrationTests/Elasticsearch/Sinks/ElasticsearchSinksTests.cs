using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;
using Xunit;

namespace Playstream.IntegrationTests.Elasticsearch.Sinks;

/// <summary>The plays sink and the results writer/reader against the real Elasticsearch of the local stack.</summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ElasticsearchSinksTests(ElasticsearchServer server)
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

    [Fact]
    public async Task Plays_are_indexed_once_under_their_source_position_even_when_replayed()
    {
        var index = ElasticsearchServer.NewIndexName("plays");
        using var client = server.CreateClient();
        var customers = new CustomerTable();
        customers.Set(new Customer(1, "Ann Lee", "0", "1 Main St", "72132", "01/02/2013", "1", "2", "1", "0", "33"));
        var tracks = new TrackTable();
        tracks.Set(new Track(10, "Hold On Loosely", ".38 Special", 253));
        var lookups = new LookupTables(customers, tracks);
        var pool = new PlayBatchPool();
        var sink = new ElasticsearchPlaySink(client, index, () => lookups, pool);
        await sink.EnsureIndexAsync();

        for (var replay = 0; replay < 2; replay++)
        {
            var batch = pool.Rent();
            batch.Source = "realtime/2";
            for (var offset = 0; offset < 3; offset++)
            {
                Assert.True(EventParser.TryParse(System.Text.Encoding.UTF8.GetBytes(Log[offset]), out var play, out var zip, out _));
                batch.Add(play, System.Text.Encoding.UTF8.GetBytes(Log[offset])[zip], 100 + offset);
            }
            sink.Write(batch);
            await sink.FlushAsync();
        }
        await sink.DisposeAsync();
        await client.RefreshAsync(index);

        Assert.Equal(3, await client.CountAsync(index));
        var hits = new List<SearchHit>();
        await foreach (var hit in client.SearchAllAsync(index))
            hits.Add(hit);
        Assert.Equal(["realtime-2-100", "realtime-2-101", "realtime-2-102"], hits.Select(h => h.Id).Order().ToArray());
        var first = hits.Single(h => h.Id == "realtime-2-100").Source;
        Assert.Equal("2014-10-01T08:00:00Z", first.GetProperty("@timestamp").GetString());
        Assert.Equal("Ann Lee", first.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(".38 Special", first.GetProperty("track").GetProperty("artist").GetString());
        Assert.True(first.GetProperty("ismobile").GetBoolean());
        Assert.Equal("72132", first.GetProperty("listening_zip_code").GetString());
        await client.DeleteIndexAsync(index);
    }
}
