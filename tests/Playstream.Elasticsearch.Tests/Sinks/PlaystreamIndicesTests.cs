using Playstream.Elasticsearch.Mapping;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.Elasticsearch.Tests.Sinks;

public sealed class PlaystreamIndicesTests
{
    [Fact]
    public void Every_index_is_named_from_the_prefix_and_every_result_index_has_one_shard()
    {
        var indices = new PlaystreamIndices("x");

        Assert.Equal("x-plays", indices.Plays);
        Assert.Equal(
            ["x-activity", "x-top-tracks", "x-profiles", "x-profile-summary", "x-unique-tracks", "x-interests", "x-summary", "x-pane-plays", "x-zip-plays", "x-status"],
            indices.ResultIndices().Select(i => i.Index));
        Assert.All(indices.ResultIndices(), i => Assert.Equal(1, i.Mapping.Shards));
        Assert.Equal("playstream-activity", new PlaystreamIndices().Activity);
    }

    [Fact]
    public void Codes_and_names_are_keywords_and_times_dates()
    {
        var plays = PlaystreamIndices.PlaysMapping().Fields.ToDictionary(f => f.Name, f => f.Type);
        foreach (var keyword in new[] { "listening_zip_code", "customer.name", "customer.gender", "track.title", "track.artist", "source" })
            Assert.Equal(FieldType.Keyword, plays[keyword]);
        Assert.Equal(FieldType.Date, plays["@timestamp"]);
        var top = new PlaystreamIndices().ResultIndices().Single(i => i.Index == "playstream-top-tracks").Mapping.Fields.ToDictionary(f => f.Name, f => f.Type);
        Assert.Equal((FieldType.Keyword, FieldType.Date), (top["gender"], top["window_start"]));
    }
}
