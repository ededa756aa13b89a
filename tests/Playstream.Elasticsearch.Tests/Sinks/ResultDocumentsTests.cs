using System.Text;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;
using Playstream.Elasticsearch.Bulk;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.Elasticsearch.Tests.Sinks;

/// <summary>Results as documents: the index, id, version and source of each, written out by hand.</summary>
public sealed class ResultDocumentsTests
{
    private static readonly PlaystreamIndices Indices = new("t");

    private static Dictionary<string, List<(string Id, long? Version, string Source)>> Documents(IEnumerable<(string Index, List<BulkDocument> Documents)> all) =>
        all.ToDictionary(x => x.Index, x => x.Documents.Select(d => (d.Id, d.Version, Encoding.UTF8.GetString(d.Source.Span))).ToList());

    [Fact]
    public void Each_result_is_one_document_under_its_keys_id_with_its_version()
    {
        var changes = new ResultChanges
        {
            Activity = [new ActivityWindow(1_414_033_200, 1_414_035_000, 5, 2, 1)],
            TopTracks = [(new TopTracksWindow(1_414_033_200, 1_414_141_200, "1", [new TrackPlays(9, 4)]), 11)],
            Profiles = [new CustomerProfile(7, 3, 1, 1, 1, 0, 2, 2)],
            Interests = [new Interest(7, 9, 1_414_033_200)],
            ProfileSummary = new ProfileSummary(1, 1, 0, 0, 0, 0, 1),
            ProfileSummaryVersion = 42,
            UniqueTracks = [new UniqueTracks("all", [9, 10]), new UniqueTracks("mobile", [9])],
            Summary = new RunSummary(5, 1, 0, 0, new Dictionary<string, long> { ["late"] = 1 }),
        };

        var docs = Documents(ResultDocuments.All(changes, Indices));

        Assert.Equal([("2014-10-23T03:00:00Z", 5L, """{"window_start":"2014-10-23T03:00:00Z","window_end":"2014-10-23T03:30:00Z","plays":5,"listeners":2,"mobile_plays":1}""")],
            docs["t-activity"].Select(d => (d.Id, d.Version!.Value, d.Source)));
        Assert.Equal(("2014-10-23T03:00:00Z_1", (long?)11), (docs["t-top-tracks"][0].Id, docs["t-top-tracks"][0].Version));
        Assert.Equal(("7", (long?)3), (docs["t-profiles"][0].Id, docs["t-profiles"][0].Version));
        Assert.Equal(("7_9", (long?)ResultVersions.Of(changes.Interests[0])), (docs["t-interests"][0].Id, docs["t-interests"][0].Version));
        Assert.Equal(("all", (long?)42), (docs["t-profile-summary"][0].Id, docs["t-profile-summary"][0].Version));
        Assert.Equal([("all", (long?)3), ("mobile", 3)], docs["t-unique-tracks"].Select(d => (d.Id, d.Version)));
        Assert.Equal(("all", (long?)6), (docs["t-summary"][0].Id, docs["t-summary"][0].Version));
    }

    [Fact]
    public void Singletons_that_did_not_change_are_not_written()
    {
        var docs = Documents(ResultDocuments.All(new ResultChanges(), Indices));

        Assert.Equal(["t-activity", "t-interests", "t-profiles", "t-top-tracks"], docs.Keys.Order());
        Assert.All(docs.Values, Assert.Empty);
    }

    [Fact]
    public void A_pane_is_one_document_of_its_counts_versioned_by_its_plays_and_a_zip_one_without_version()
    {
        var breakdowns = new BreakdownResults(
            [
                new PanePlays(0, 300, "gender", "F", 2), new PanePlays(0, 300, "gender", "M", 1),
                new PanePlays(0, 300, "level", "gold", 3), new PanePlays(300, 600, "gender", "F", 1),
            ],
            [new ZipPlays("02134", 4)]);

        var docs = Documents(ResultDocuments.Breakdowns(breakdowns, Indices));

        var first = docs["t-pane-plays"][0];
        Assert.Equal(("1970-01-01T00:00:00Z", (long?)3), (first.Id, first.Version)); // the gender counts cover every play
        Assert.Equal("""{"pane_start":"1970-01-01T00:00:00Z","pane_end":"1970-01-01T00:05:00Z","plays":3,"counts":[""" +
            """{"dimension":"gender","key":"F","plays":2},{"dimension":"gender","key":"M","plays":1},{"dimension":"level","key":"gold","plays":3}]}""", first.Source);
        Assert.Equal(2, docs["t-pane-plays"].Count);
        Assert.Equal([("02134", (long?)null, """{"zip":"02134","plays":4}""")], docs["t-zip-plays"]);
    }
}
