using System.Text;
using System.Text.Json;
using Playstream.Core.Export;
using Playstream.Core.Results;

namespace Playstream.Core.Tests.Export;

/// <summary>Each result's fields with the export format's names (docs/analytics.md), written out here by hand.</summary>
public sealed class ResultJsonTests
{
    private static string Json<T>(Action<Utf8JsonWriter, T> write, T value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json, value);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void Windows_have_iso_times_and_top_tracks_in_rank_order()
    {
        Assert.Equal("""{"window_start":"2014-10-23T03:00:00Z","window_end":"2014-10-23T03:30:00Z","plays":5,"listeners":2,"mobile_plays":1}""",
            Json(ResultJson.WriteActivity, new ActivityWindow(1_414_033_200, 1_414_035_000, 5, 2, 1)));
        Assert.Equal("""{"window_start":"1969-12-31T23:00:00Z","window_end":"1970-01-01T05:00:00Z","gender":"1","tracks":[{"track_id":9,"plays":4},{"track_id":2,"plays":1}]}""",
            Json(ResultJson.WriteTopTracks, new TopTracksWindow(-3600, 18_000, "1", [new TrackPlays(9, 4), new TrackPlays(2, 1)])));
    }

    [Fact]
    public void Profiles_and_their_summary_carry_every_count_and_share()
    {
        Assert.Equal("""{"customer_id":7,"plays":10,"morning":1,"afternoon":2,"evening":3,"night":4,"mobile_plays":5,"unique_tracks":6}""",
            Json(ResultJson.WriteProfiles, new CustomerProfile(7, 10, 1, 2, 3, 4, 5, 6)));
        Assert.Equal("""{"customers":2,"morning":0.5,"afternoon":0.25,"evening":0,"night":0.25,"mobile":1,"unique":0.75}""",
            Json(ResultJson.WriteProfileSummary, new ProfileSummary(2, 0.5, 0.25, 0, 0.25, 1, 0.75)));
    }

    [Fact]
    public void Unique_tracks_interests_and_the_summary_read_as_specified()
    {
        Assert.Equal("""{"scope":"mobile","count":3,"track_ids":[1,5,9]}""",
            Json(ResultJson.WriteUniqueTracks, new UniqueTracks("mobile", [1, 5, 9])));
        Assert.Equal("""{"customer_id":0,"track_id":453,"detected_at":"2014-10-23T03:40:20Z"}""",
            Json(ResultJson.WriteInterests, new Interest(0, 453, 1_414_035_620)));
        Assert.Equal("""{"events":9,"dead_letters":3,"unknown_customers":1,"unknown_tracks":2,"dead_letters_by_reason":{"bad_datetime":1,"field_count":2}}""",
            Json(ResultJson.WriteSummary, new RunSummary(9, 3, 1, 2, new Dictionary<string, long> { ["field_count"] = 2, ["bad_datetime"] = 1 })));
    }
}
