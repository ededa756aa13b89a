using Playstream.Core.Results;
using Playstream.Dashboard.Api;
using Playstream.Dashboard.Sources;
using Playstream.TestSupport;

namespace Playstream.Dashboard.Tests.Api;

/// <summary>The API's answers over a store written from <see cref="KnownInput"/>, against the brute-force reference and hand counts.</summary>
public sealed class DashboardViewTests : IAsyncLifetime, IDisposable
{
    private readonly KnownInput _input = new();
    private DashboardView _view = null!;
    private AnalyticsResults _expected = null!;

    public async Task InitializeAsync()
    {
        await _input.RunAsync();
        var source = new EmbeddedStoreSource(_input.StorePath);
        _view = new DashboardView(await source.LoadAsync(), await source.VersionAsync());
        _expected = BruteForceReference.Compute(File.ReadLines(_input.EventsFile), _input.Genders, _input.KnownTracks);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _input.Dispose();

    [Fact]
    public void The_default_top_tracks_window_ends_at_the_first_hour_boundary_after_the_latest_play()
    {
        var latest = KnownInput.TimeOf(KnownInput.Plays - 1);
        var end = latest - latest % 3600 + 3600;

        var top = _view.TopTracks(null);

        Assert.Equal(end - 30 * 3600, top.Start);
        Assert.Equal(end, top.End);
        Assert.Equal(top.Start, top.DefaultStart);
    }

    [Fact]
    public void The_top_tracks_shown_are_the_reference_top_tracks_with_titles()
    {
        var top = _view.TopTracks(null);
        var expected = _expected.TopTracks.Where(w => w.WindowStart == top.Start).OrderBy(w => w.Gender == "unknown" ? 1 : 0).ThenBy(w => w.Gender, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(w => w.Gender), top.Genders.Select(g => g.Gender));
        foreach (var (want, got) in expected.Zip(top.Genders))
        {
            Assert.Equal(want.Tracks.Select(t => (t.TrackId, t.Plays)), got.Tracks.Select(t => (t.TrackId, t.Plays)));
            Assert.All(got.Tracks, t => Assert.Equal(t.TrackId == 5 ? "track 5" : new[] { "Alpha Song", "Beta Song", "Gamma Song", "Delta Song", "Epsilon Song" }[t.TrackId], t.Title));
        }
    }

    [Fact]
    public void Another_window_can_be_picked_and_its_plays_are_the_plays_inside_it()
    {
        var start = KnownInput.FirstTime; // 03:00, an hour boundary: the window [03:00, 09:00 next day)
        var top = _view.TopTracks(start);

        var inside = Enumerable.Range(0, KnownInput.Plays).Count(i => KnownInput.TimeOf(i) >= start && KnownInput.TimeOf(i) < start + 30 * 3600);
        Assert.Equal(start, top.Start);
        Assert.Equal(inside, top.WindowPlays);
        Assert.Equal(_expected.TopTracks.Where(w => w.WindowStart == start).Sum(w => w.Tracks.Count), top.Genders.Sum(g => g.Tracks.Count));
    }

    [Fact]
    public void The_activity_series_is_the_reference_activity()
    {
        var activity = _view.Activity();

        Assert.Equal(_expected.Activity.Select(w => w.WindowStart), activity.Start);
        Assert.Equal(_expected.Activity.Select(w => w.Plays), activity.Plays);
        Assert.Equal(_expected.Activity.Select(w => w.MobilePlays), activity.MobilePlays);
        Assert.Equal(_expected.Activity.Select(w => w.Plays - w.MobilePlays), activity.DesktopPlays);
        Assert.Equal(_expected.Activity.Select(w => w.Listeners), activity.Listeners);
    }

    [Fact]
    public void The_overview_counts_events_dead_letters_and_unique_tracks()
    {
        var overview = _view.Overview();

        Assert.Equal(KnownInput.Plays, overview.Events);
        Assert.Equal(1, overview.DeadLetters);
        Assert.Equal(6, overview.UniqueTracks);
        Assert.Equal(Enumerable.Range(0, KnownInput.Plays).Where(KnownInput.MobileOf).Select(KnownInput.TrackOf).Distinct().Count(), overview.UniqueMobileTracks);
        Assert.Equal(5, overview.Listeners);
        Assert.Equal("finished", overview.State);
        Assert.Null(overview.Hint);
    }

    [Fact]
    public void Top_zips_count_numeric_zips_and_gather_the_rest_as_other()
    {
        // 60 plays cycling four zips: 15 each; "" and "abc" both count as other (30).
        Assert.Equal([new ZipRow("other", 30), new ZipRow("01234", 15), new ZipRow("72132", 15)], _view.TopZips(10));
        Assert.Equal([new ZipRow("other", 30)], _view.TopZips(1));
    }

    [Fact]
    public void Breakdowns_by_gender_level_and_age_sum_to_the_plays_of_each_value()
    {
        // Customers 0..4 play 12 times each. Genders: 0 -> "0", 1 and 2 -> "1", 3 -> "0", 4 unknown.
        Assert.Equal(new Dictionary<string, long> { ["0"] = 24, ["1"] = 24, ["unknown"] = 12 }, Totals("gender"));
        // Levels: 0 free, 1 silver, 2 and 3 gold, 4 unknown.
        Assert.Equal(new Dictionary<string, long> { ["free"] = 12, ["silver"] = 12, ["gold"] = 24, ["unknown"] = 12 }, Totals("level"));
        // Ages: 17, 30, 44, none (customer 3), unknown customer.
        Assert.Equal(new Dictionary<string, long> { ["under 18"] = 12, ["25-34"] = 12, ["35-44"] = 12, ["unknown"] = 24 }, Totals("age"));
    }

    [Fact]
    public void A_breakdown_series_puts_each_play_in_its_bucket()
    {
        var gender = _view.Breakdown("gender");
        var bucket = gender.BucketSeconds;
        foreach (var series in gender.Series)
            for (var b = 0; b < gender.Start.Length; b++)
            {
                var expected = Enumerable.Range(0, KnownInput.Plays).Count(i =>
                    GenderOf(KnownInput.CustomerOf(i)) == series.Key && KnownInput.TimeOf(i) >= gender.Start[b] && KnownInput.TimeOf(i) < gender.Start[b] + bucket);
                Assert.Equal(expected, series.Plays[b]);
            }
    }

    [Fact]
    public void Busiest_listeners_are_ordered_by_plays_then_id_with_names()
    {
        var rows = _view.BusiestListeners(3);
        Assert.Equal([0, 1, 2], rows.Select(r => r.CustomerId));
        Assert.Equal(["Ada Stone", "Ben Ortiz", "Cy Moss"], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal(12, r.Plays));
    }

    [Fact]
    public void A_customer_lookup_shows_the_reference_profile_and_shares()
    {
        var expected = _expected.Profiles.Single(p => p.CustomerId == 1);
        var customer = _view.Customer(1)!;

        Assert.Equal("Ben Ortiz", customer.Name);
        Assert.Equal("silver", customer.Level);
        Assert.Equal("30", customer.Age);
        Assert.Equal(expected.Plays, customer.Plays);
        Assert.Equal(expected.UniqueTracks, customer.UniqueTracks);
        Assert.Equal((double)expected.Morning / expected.Plays, customer.Morning, 9);
        Assert.Equal((double)expected.MobilePlays / expected.Plays, customer.Mobile, 9);
        Assert.Equal(_expected.Interests.Where(i => i.CustomerId == 1).Select(i => i.TrackId).Order(), customer.Interests.Select(i => i.TrackId).Order());
        Assert.Null(_view.Customer(999));
    }

    [Fact]
    public void Recent_interests_are_the_latest_detections_first()
    {
        var expected = _expected.Interests.OrderByDescending(i => i.DetectedAt).ThenBy(i => i.CustomerId).ThenBy(i => i.TrackId).Take(5)
            .Select(i => (i.CustomerId, i.TrackId, i.DetectedAt));
        Assert.Equal(expected, _view.RecentInterests(5).Select(i => (i.CustomerId, i.TrackId, i.DetectedAt)));
    }

    private static string GenderOf(int customer) => customer switch { 0 or 3 => "0", 1 or 2 => "1", _ => "unknown" };

    private Dictionary<string, long> Totals(string dimension) =>
        _view.Breakdown(dimension).Series.ToDictionary(s => s.Key, s => s.Total);
}
