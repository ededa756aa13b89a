using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Results;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Engine;

public class PartitionAnalyticsTests
{
    private static Customer CustomerWithGender(int id, string gender) =>
        new(id, $"c{id}", gender, "", "", "", "1", "0", "", "", null);

    private static LookupTables Lookups()
    {
        var lookups = LookupTables.Empty();
        lookups.Customers.Set(CustomerWithGender(0, "1"));
        lookups.Customers.Set(CustomerWithGender(48, "0"));
        lookups.Tracks.Set(new Track(453, "Title", "Artist", 200));
        return lookups;
    }

    private static PlayEvent Play(int customer, int track, string time, bool mobile = false) =>
        new(0, customer, track, Utc.Seconds(time), mobile);

    [Fact]
    public void Unknown_customers_are_gender_unknown_and_counted_and_customer_0_is_known()
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        var lookups = Lookups();
        analytics.Add(Play(0, 453, "2014-10-23 03:26:20"), lookups);
        analytics.Add(Play(48, 453, "2014-10-23 03:26:20"), lookups);
        analytics.Add(Play(7, 453, "2014-10-23 03:27:00"), lookups);  // unknown customer
        analytics.Add(Play(48, 999, "2014-10-23 03:28:00"), lookups); // unknown track
        // A caller passing a gender slot for an unknown customer still gets "unknown".
        analytics.Add(Play(8, 1, "2014-10-23 03:28:00"), GenderCodes.Slot("1"), customerKnown: false, trackKnown: false);

        var results = analytics.ComputeResults();
        Assert.Equal(5, analytics.Events);
        Assert.Equal(new RunSummary(5, 0, 2, 2, new Dictionary<string, long>()).Events, results.Summary.Events);
        Assert.Equal(2, results.Summary.UnknownCustomers);
        Assert.Equal(2, results.Summary.UnknownTracks);
        var window = results.TopTracks.Where(w => w.WindowStart == Utc.Seconds("2014-10-23 03:00:00")).ToList();
        Assert.Equal(new[] { "0", "1", "unknown" }, window.Select(w => w.Gender));
        Assert.Equal(new[] { new TrackPlays(453, 1), new TrackPlays(999, 1) }, window[0].Tracks);
        Assert.Equal(new[] { new TrackPlays(453, 1) }, window[1].Tracks);
        Assert.Equal(new[] { new TrackPlays(1, 1), new TrackPlays(453, 1) }, window[2].Tracks);
        Assert.Equal(new[] { 0, 7, 8, 48 }, results.Profiles.Select(p => p.CustomerId));
    }

    [Fact]
    public void Dead_letters_are_counted_by_reason_name_and_are_not_events()
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.CountDeadLetter(DeadLetterReason.BadDatetime);
        analytics.CountDeadLetter(DeadLetterReason.FieldCount);
        analytics.CountDeadLetter(DeadLetterReason.BadDatetime);
        var summary = analytics.ComputeResults().Summary;
        Assert.Equal(0, summary.Events);
        Assert.Equal(3, summary.DeadLetters);
        Assert.Equal(new[] { ("bad_datetime", 2L), ("field_count", 1L) }, summary.DeadLettersByReason.Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public void No_plays_give_empty_results_with_both_unique_scopes_and_a_zero_summary()
    {
        var results = new PartitionAnalytics(AnalyticsSettings.Default).ComputeResults();
        Assert.Empty(results.Activity);
        Assert.Empty(results.TopTracks);
        Assert.Empty(results.Profiles);
        Assert.Empty(results.Interests);
        Assert.Equal(new ProfileSummary(0, 0, 0, 0, 0, 0, 0), results.ProfileSummary);
        Assert.Equal(new[] { "all", "mobile" }, results.UniqueTracks.Select(u => u.Scope));
    }

    [Fact]
    public void A_snapshot_round_trip_gives_the_same_results()
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        var lookups = Lookups();
        analytics.Add(Play(0, 453, "2014-10-23 03:26:20", mobile: true), lookups);
        analytics.Add(Play(0, 453, "2014-10-23 03:30:20"), lookups);
        analytics.Add(Play(0, 453, "2014-10-23 03:40:20"), lookups);
        analytics.Add(Play(5, 2, "2014-10-24 13:00:00"), lookups);
        analytics.CountDeadLetter(DeadLetterReason.BadQuoting);

        using var stream = new MemoryStream();
        analytics.WriteSnapshot(stream);
        stream.Position = 0;
        var restored = PartitionAnalytics.ReadSnapshot(stream, AnalyticsSettings.Default);

        var expected = analytics.ComputeResults();
        Assert.Single(expected.Interests);
        ResultsAssert.Equal(expected, restored.ComputeResults());
        Assert.Equal(analytics.Events, restored.Events);
        Assert.Equal(Utc.Seconds("2014-10-24 13:00:00"), restored.MaxEventTime);
    }

    [Fact]
    public void The_latest_event_time_is_tracked_in_any_order_and_merged_as_the_maximum()
    {
        var lookups = Lookups();
        var first = new PartitionAnalytics(AnalyticsSettings.Default);
        Assert.Null(first.MaxEventTime);
        first.Add(Play(0, 1, "2014-10-23 05:00:00"), lookups);
        first.Add(Play(0, 1, "2014-10-23 04:00:00"), lookups);
        Assert.Equal(Utc.Seconds("2014-10-23 05:00:00"), first.MaxEventTime);

        var second = new PartitionAnalytics(AnalyticsSettings.Default);
        second.Add(Play(1, 1, "2014-10-23 06:00:00"), lookups);
        first.Merge(second);
        Assert.Equal(Utc.Seconds("2014-10-23 06:00:00"), first.MaxEventTime);
    }

    [Fact]
    public void Reading_a_snapshot_with_other_settings_names_the_setting()
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        using var stream = new MemoryStream();
        analytics.WriteSnapshot(stream);
        stream.Position = 0;
        var other = AnalyticsSettings.Default with { TopN = 5 };
        var error = Assert.Throws<SettingsException>(() => PartitionAnalytics.ReadSnapshot(stream, other));
        Assert.Contains("top-n", error.Message);
        Assert.Contains("10", error.Message);
    }

    [Fact]
    public void Reading_something_that_is_not_a_snapshot_fails_clearly()
    {
        using var garbage = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Throws<InvalidDataException>(() => PartitionAnalytics.ReadSnapshot(garbage, AnalyticsSettings.Default));

        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.Add(Play(1, 1, "2014-10-23 03:26:20"), Lookups());
        using var full = new MemoryStream();
        analytics.WriteSnapshot(full);
        using var truncated = new MemoryStream(full.ToArray()[..(int)(full.Length - 3)]);
        Assert.Throws<InvalidDataException>(() => PartitionAnalytics.ReadSnapshot(truncated, AnalyticsSettings.Default));
    }

    [Fact]
    public void Merging_different_settings_or_itself_is_refused()
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        Assert.Throws<SettingsException>(() => analytics.Merge(new PartitionAnalytics(AnalyticsSettings.Default with { TopN = 3 })));
        Assert.Throws<ArgumentException>(() => analytics.Merge(analytics));
    }

    [Fact]
    public void Invalid_settings_are_refused_at_construction() =>
        Assert.Throws<SettingsException>(() => new PartitionAnalytics(AnalyticsSettings.Default with { ActivityWindowSeconds = 1000 }));
}
