using Playstream.Core.Generation;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Generation;

/// <summary>
/// <see cref="GeneratorOptions.Shuffle"/>, <see cref="GeneratorOptions.BadLines"/> and
/// <see cref="GeneratorOptions.UnknownIds"/>: a log shaped like a real held-out one, checked
/// with the brute-force reference's own line parser.
/// </summary>
public sealed class DataGeneratorHeldOutTests
{
    private static readonly GeneratorOptions Small = new() { Customers = 300, Tracks = 120, Events = 20_000, Days = 7, Seed = 7 };

    [Fact]
    public void A_shuffled_log_has_the_ordered_logs_lines_in_another_order()
    {
        using var ordered = new TempDirectory();
        using var shuffled = new TempDirectory();
        new DataGenerator(Small).Generate(ordered.Path);
        new DataGenerator(Small with { Shuffle = true }).Generate(shuffled.Path);

        var before = File.ReadAllLines(ordered.File(DataGenerator.EventFileName));
        var after = File.ReadAllLines(shuffled.File(DataGenerator.EventFileName));
        Assert.Equal(before.Order(StringComparer.Ordinal), after.Order(StringComparer.Ordinal));
        Assert.NotEqual(before, after);
        // Far from time order: about half of the neighbouring pairs go back in time.
        var times = after.Select(l => ReferenceLineParser.Parse(l).Play!.Time).ToList();
        var backwards = times.Zip(times.Skip(1)).Count(p => p.Second < p.First);
        Assert.InRange(backwards, times.Count * 4 / 10, times.Count * 6 / 10);
        Assert.Single(Directory.GetFiles(shuffled.Path, "tracks.csv*"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_order()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var c = new TempDirectory();
        new DataGenerator(Small with { Shuffle = true }).Generate(a.Path);
        new DataGenerator(Small with { Shuffle = true }).Generate(b.Path);
        new DataGenerator(Small with { Shuffle = true, Seed = 8 }).Generate(c.Path);
        Assert.Equal(File.ReadAllBytes(a.File(DataGenerator.EventFileName)), File.ReadAllBytes(b.File(DataGenerator.EventFileName)));
        Assert.NotEqual(File.ReadAllBytes(a.File(DataGenerator.EventFileName)), File.ReadAllBytes(c.File(DataGenerator.EventFileName)));
    }

    [Fact]
    public void Bad_lines_and_unknown_ids_come_in_the_shares_asked_for_and_every_bad_line_is_a_dead_letter()
    {
        var options = Small.AsHeldOut() with { Events = 50_000, BadLines = 0.01, UnknownIds = 0.04 };
        using var folder = new TempDirectory();
        new DataGenerator(options).Generate(folder.Path);
        var lines = File.ReadAllLines(folder.File(DataGenerator.EventFileName));
        Assert.Equal(50_000, lines.Length);

        var parsed = lines.Select(ReferenceLineParser.Parse).ToList();
        var problems = parsed.Where(p => p.Problem is not null).GroupBy(p => p.Problem!).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(problems.Values.Sum(), 400, 600);
        Assert.Equal(["bad_customer_id", "bad_datetime", "bad_ismobile", "bad_quoting", "field_count"], problems.Keys.Order(StringComparer.Ordinal));
        var plays = parsed.Where(p => p.Play is not null).Select(p => p.Play!).ToList();
        var unknownCustomers = plays.Count(p => p.CustomerId >= options.Customers);
        var unknownTracks = plays.Count(p => p.TrackId >= options.Tracks);
        Assert.InRange(unknownCustomers, 700, 1300);
        Assert.InRange(unknownTracks, 700, 1300);
        Assert.All(plays, p => Assert.InRange(p.CustomerId, 0, 2 * options.Customers - 1));
    }

    [Fact]
    public void Without_damage_or_shuffle_the_log_is_unchanged_by_the_options_existing()
    {
        using var plain = new TempDirectory();
        using var zero = new TempDirectory();
        new DataGenerator(Small).Generate(plain.Path);
        new DataGenerator(Small with { BadLines = 0, UnknownIds = 0, Shuffle = false }).Generate(zero.Path);
        Assert.Equal(File.ReadAllBytes(plain.File(DataGenerator.EventFileName)), File.ReadAllBytes(zero.File(DataGenerator.EventFileName)));
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(0.6, 0)]
    [InlineData(0, 0.51)]
    [InlineData(double.NaN, 0)]
    public void Shares_outside_0_to_one_half_are_rejected(double badLines, double unknownIds)
    {
        Assert.Throws<ArgumentException>(() => (Small with { BadLines = badLines, UnknownIds = unknownIds }).Validate());
    }
}
