using System.Text.Json;
using Playstream.Core.Results;
using StackExchange.Redis;

namespace Playstream.Redis.Tests;

public class ResultHashesTests
{
    [Fact]
    public void Tracks_json_keeps_rank_order_and_export_field_names()
    {
        var json = ResultHashes.TracksJson([new TrackPlays(9, 5), new TrackPlays(2, 5), new TrackPlays(40, 1)]);
        Assert.Equal("""[{"track_id":9,"plays":5},{"track_id":2,"plays":5},{"track_id":40,"plays":1}]""", json);
    }

    [Fact]
    public void Tracks_json_reads_back()
    {
        var tracks = ResultHashes.Tracks("""[{"track_id":3,"plays":12},{"track_id":1,"plays":4}]""");
        Assert.Equal([new TrackPlays(3, 12), new TrackPlays(1, 4)], tracks);
        Assert.Empty(ResultHashes.Tracks("[]"));
    }

    [Fact]
    public void Tracks_json_that_is_not_an_array_is_refused() =>
        Assert.ThrowsAny<JsonException>(() => ResultHashes.Tracks("""{"track_id":1}"""));

    [Fact]
    public void Profile_fields_are_the_exports_and_read_back()
    {
        var profile = new CustomerProfile(48, 10, 1, 2, 3, 4, 6, 7);
        var entries = ResultHashes.ProfileEntries(profile);
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal("10", fields["plays"]);
        Assert.Equal("1", fields["morning"]);
        Assert.Equal("2", fields["afternoon"]);
        Assert.Equal("3", fields["evening"]);
        Assert.Equal("4", fields["night"]);
        Assert.Equal("6", fields["mobile_plays"]);
        Assert.Equal("7", fields["unique_tracks"]);
        Assert.Equal(profile, ResultHashes.Profile(48, entries));
    }

    [Fact]
    public void Profile_summary_means_survive_exactly()
    {
        // 1/3 and 0.1 have no short decimal form: the text must round-trip the double exactly.
        var summary = new ProfileSummary(3, 1.0 / 3, 0.1, 0.2 + 0.1, 0, 2.0 / 3, 1);
        Assert.Equal(summary, ResultHashes.ProfileSummary(ResultHashes.ProfileSummaryEntries(summary)));
    }

    [Fact]
    public void Run_summary_keeps_dead_letters_by_reason()
    {
        var summary = new RunSummary(100, 3, 4, 5, new Dictionary<string, long> { ["bad_datetime"] = 2, ["wrong_field_count"] = 1 });
        var entries = ResultHashes.SummaryEntries(summary);
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        Assert.Equal("100", fields["events"]);
        Assert.Equal("3", fields["dead_letters"]);
        Assert.Equal("4", fields["unknown_customers"]);
        Assert.Equal("5", fields["unknown_tracks"]);
        Assert.Equal("2", fields["dead_letters:bad_datetime"]);
        var back = ResultHashes.Summary(entries);
        Assert.NotNull(back);
        Assert.Equal((100L, 3L, 4L, 5L), (back.Events, back.DeadLetters, back.UnknownCustomers, back.UnknownTracks));
        Assert.Equal(summary.DeadLettersByReason, back.DeadLettersByReason);
    }

    [Fact]
    public void Top_tracks_hash_reads_back()
    {
        HashEntry[] entries =
        [
            new("window_start", 1414000800), new("window_end", 1414108800), new("gender", "1"),
            new("tracks", """[{"track_id":5,"plays":2}]"""),
        ];
        var window = ResultHashes.TopTracks(entries);
        Assert.NotNull(window);
        Assert.Equal((1414000800L, 1414108800L, "1"), (window.WindowStart, window.WindowEnd, window.Gender));
        Assert.Equal([new TrackPlays(5, 2)], window.Tracks);
    }

    [Fact]
    public void Empty_hashes_read_as_nothing()
    {
        Assert.Null(ResultHashes.Profile(1, []));
        Assert.Null(ResultHashes.ProfileSummary([]));
        Assert.Null(ResultHashes.Summary([]));
        Assert.Null(ResultHashes.TopTracks([]));
    }
}
