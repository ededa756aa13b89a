using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

/// <summary>A 200,000-play sample with the default model, parsed once for the shape tests.</summary>
public sealed class ListeningSample
{
    public ListeningSample()
    {
        var generator = new DataGenerator(new GeneratorOptions { Events = 200_000 });
        Events = TestCsv.Lines(DataGeneratorTests.Bytes(s => generator.WriteEvents(s))).Select(TestEvent.Parse).ToArray();
        var customers = TestCsv.Lines(DataGeneratorTests.Bytes(generator.WriteCustomers)).Skip(1).Select(TestCsv.Split).ToList();
        Genders = customers.ToDictionary(f => int.Parse(f[0]), f => f[2]);
        Zips = customers.ToDictionary(f => int.Parse(f[0]), f => f[4]);
    }

    public TestEvent[] Events { get; }
    public Dictionary<int, string> Genders { get; }
    public Dictionary<int, string> Zips { get; }
}

public sealed class EventLogWriterTests(ListeningSample sample) : IClassFixture<ListeningSample>
{
    [Fact]
    public void Track_popularity_is_skewed()
    {
        var plays = new int[1750];
        foreach (var e in sample.Events)
            plays[e.Track]++;
        var sorted = plays.Order().ToArray();
        var median = sorted[sorted.Length / 2];
        var top = sorted[^1];
        Assert.True(median > 0, "the median track should still be played");
        Assert.True(top > 20 * median, $"top {top} vs median {median}");
    }

    [Fact]
    public void Customer_activity_is_skewed()
    {
        var plays = sample.Events.GroupBy(e => e.Customer).Select(g => g.Count()).Order().ToArray();
        var median = plays[plays.Length / 2];
        // The busiest tenth of listeners does far more than a tenth of the listening.
        var topTenth = plays.Skip(plays.Length - plays.Length / 10).Sum();
        Assert.True(topTenth > 0.3 * sample.Events.Length, $"top tenth played {topTenth}");
        Assert.True(plays[^1] > 5 * median, $"busiest {plays[^1]} vs median {median}");
    }

    [Fact]
    public void Mobile_share_is_moderate_overall_and_varies_by_customer()
    {
        var share = sample.Events.Count(e => e.Mobile) / (double)sample.Events.Length;
        Assert.InRange(share, 0.3, 0.7);

        var perCustomer = sample.Events.GroupBy(e => e.Customer).Where(g => g.Count() >= 100)
            .Select(g => g.Count(e => e.Mobile) / (double)g.Count()).ToList();
        Assert.True(perCustomer.Count > 50);
        Assert.True(perCustomer.Min() < 0.3 && perCustomer.Max() > 0.7,
            $"per-customer mobile shares span only {perCustomer.Min():F2}-{perCustomer.Max():F2}");
    }

    [Fact]
    public void Nights_are_quieter_than_evenings()
    {
        var night = sample.Events.Count(e => e.Time.Hour is >= 0 and <= 4);
        var evening = sample.Events.Count(e => e.Time.Hour is >= 17 and <= 21);
        Assert.True(night * 2 < evening, $"night {night}, evening {evening}");
    }

    [Fact]
    public void Gender_top_ten_charts_differ()
    {
        List<int> TopTen(string gender) => sample.Events.Where(e => sample.Genders[e.Customer] == gender)
            .GroupBy(e => e.Track).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(10).Select(g => g.Key).ToList();
        var zero = TopTen("0");
        var one = TopTen("1");
        Assert.Equal(10, zero.Count);
        Assert.Equal(10, one.Count);
        Assert.NotEqual(zero, one);
    }

    [Fact]
    public void Some_customers_play_a_track_three_times_within_half_an_hour()
    {
        // Brute force over each (customer, track)'s sorted times.
        var interests = 0;
        foreach (var pair in sample.Events.GroupBy(e => (e.Customer, e.Track)))
        {
            var times = pair.Select(e => e.Time).Order().ToArray();
            for (var i = 0; i + 2 < times.Length; i++)
            {
                if (times[i + 2] - times[i] <= TimeSpan.FromMinutes(30))
                {
                    interests++;
                    break;
                }
            }
        }
        // Chance alone would give next to none; the repeat sessions should give hundreds.
        Assert.True(interests >= 200, $"only {interests} interests");
        Assert.True(interests < sample.Events.Length / 20, $"{interests} interests is implausibly many");
    }

    [Fact]
    public void Listening_zip_is_usually_the_home_zip()
    {
        var home = sample.Events.Count(e => e.Zip == sample.Zips[e.Customer]);
        var share = home / (double)sample.Events.Length;
        Assert.InRange(share, 0.8, 0.99);
    }

    [Fact]
    public void Plays_cover_every_day_of_the_period()
    {
        var days = sample.Events.Select(e => e.Time.Date).Distinct().Count();
        Assert.Equal(90, days);
    }
}
