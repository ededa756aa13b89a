using System.Text.Json;
using Playstream.Core.Export;
using Playstream.Core.Results;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Export;

public sealed class ResultsExporterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "playstream-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    internal static AnalyticsResults Sample() => new(
        [
            new ActivityWindow(Utc.Seconds("2014-10-23 03:00:00"), Utc.Seconds("2014-10-23 03:30:00"), 3, 2, 1),
            new ActivityWindow(Utc.Seconds("2014-10-23 03:05:00"), Utc.Seconds("2014-10-23 03:35:00"), 1, 1, 0),
        ],
        [
            new TopTracksWindow(Utc.Seconds("2014-10-22 22:00:00"), Utc.Seconds("2014-10-24 04:00:00"), "0", [new(453, 2), new(7, 1)]),
            new TopTracksWindow(Utc.Seconds("2014-10-22 22:00:00"), Utc.Seconds("2014-10-24 04:00:00"), "unknown", [new(1, 1)]),
        ],
        [new CustomerProfile(0, 3, 1, 0, 0, 2, 1, 2), new CustomerProfile(48, 1, 0, 1, 0, 0, 0, 1)],
        new ProfileSummary(2, 1.0 / 6, 0.5, 0, 1.0 / 3, 1.0 / 6, 5.0 / 6),
        [new UniqueTracks("all", [1, 7, 453]), new UniqueTracks("mobile", [])],
        [new Interest(0, 453, Utc.Seconds("2014-10-23 03:40:20"))],
        new RunSummary(4, 3, 1, 1, new Dictionary<string, long> { ["field_count"] = 1, ["bad_datetime"] = 2 }));

    private string[] Lines(string file) => File.ReadAllLines(Path.Combine(_directory, file));

    [Fact]
    public void Writes_one_object_per_line_with_the_contracts_fields_and_utc_times()
    {
        ResultsExporter.Write(Sample(), _directory);

        Assert.Equal(
            [
                """{"window_start":"2014-10-23T03:00:00Z","window_end":"2014-10-23T03:30:00Z","plays":3,"listeners":2,"mobile_plays":1}""",
                """{"window_start":"2014-10-23T03:05:00Z","window_end":"2014-10-23T03:35:00Z","plays":1,"listeners":1,"mobile_plays":0}""",
            ],
            Lines("activity.jsonl"));
        Assert.Equal(
            """{"window_start":"2014-10-22T22:00:00Z","window_end":"2014-10-24T04:00:00Z","gender":"0","tracks":[{"track_id":453,"plays":2},{"track_id":7,"plays":1}]}""",
            Lines("top_tracks.jsonl")[0]);
        Assert.Equal(
            """{"customer_id":0,"plays":3,"morning":1,"afternoon":0,"evening":0,"night":2,"mobile_plays":1,"unique_tracks":2}""",
            Lines("profiles.jsonl")[0]);
        Assert.Equal(
            [
                """{"scope":"all","count":3,"track_ids":[1,7,453]}""",
                """{"scope":"mobile","count":0,"track_ids":[]}""",
            ],
            Lines("unique_tracks.jsonl"));
        Assert.Equal(["""{"customer_id":0,"track_id":453,"detected_at":"2014-10-23T03:40:20Z"}"""], Lines("interests.jsonl"));
        Assert.Equal(
            ["""{"events":4,"dead_letters":3,"unknown_customers":1,"unknown_tracks":1,"dead_letters_by_reason":{"bad_datetime":2,"field_count":1}}"""],
            Lines("summary.json"));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "profile_summary.json")));
        var root = summary.RootElement;
        Assert.Equal(2, root.GetProperty("customers").GetInt64());
        Assert.Equal(1.0 / 6, root.GetProperty("morning").GetDouble());
        Assert.Equal(5.0 / 6, root.GetProperty("unique").GetDouble());
        Assert.Equal(0.5, root.GetProperty("afternoon").GetDouble());
        Assert.True(root.TryGetProperty("mobile", out _) && root.TryGetProperty("evening", out _) && root.TryGetProperty("night", out _));
    }

    [Fact]
    public void Empty_results_write_empty_files()
    {
        var empty = new AnalyticsResults([], [], [], new ProfileSummary(0, 0, 0, 0, 0, 0, 0),
            [new UniqueTracks("all", []), new UniqueTracks("mobile", [])], [], new RunSummary(0, 0, 0, 0, new Dictionary<string, long>()));
        ResultsExporter.Write(empty, _directory);
        Assert.Empty(Lines("activity.jsonl"));
        Assert.Empty(Lines("interests.jsonl"));
        Assert.Equal(["""{"events":0,"dead_letters":0,"unknown_customers":0,"unknown_tracks":0,"dead_letters_by_reason":{}}"""], Lines("summary.json"));
    }
}
