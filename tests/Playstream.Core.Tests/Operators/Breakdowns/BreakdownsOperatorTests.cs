using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Operators.Breakdowns;

/// <summary>
/// Plays per 5-minute pane by gender, level and age band, and per zip: checked against a
/// hand-worked case and against a count written out here play by play.
/// </summary>
public sealed class BreakdownsOperatorTests
{
    private const int Slide = 300;

    // Customer 1: F, gold, 30 (25-34); 2: M, free, 17 (under 18); 3: F, level "7" (unknown), no age (unknown); 4: M, silver, 65 (65+).
    private static readonly LookupTables Lookups = new(Customers(), new TrackTable());

    private static CustomerTable Customers()
    {
        var table = new CustomerTable();
        table.Set(new Customer(1, "A", "F", "", "", "", "", "2", "", "", "30"));
        table.Set(new Customer(2, "B", "M", "", "", "", "", "0", "", "", "17"));
        table.Set(new Customer(3, "C", "F", "", "", "", "", "7", "", "", null));
        table.Set(new Customer(4, "D", "M", "", "", "", "", "1", "", "", "65"));
        return table;
    }

    private static long T(string time) => Utc.Seconds("2014-10-23 " + time);

    private static void Add(BreakdownsOperator op, int customer, long time, string zip) =>
        op.Add(time, Lookups.Customers.GenderSlot(customer), CustomerTraits.Of(Lookups.Customers).Packed(customer), ZipKey.Of(Encoding.ASCII.GetBytes(zip)));

    [Fact]
    public void A_hand_worked_case_counts_each_dimension_per_pane_in_the_documented_order()
    {
        var op = new BreakdownsOperator(AnalyticsSettings.Default);
        Add(op, 1, T("10:00:00"), "02134");
        Add(op, 2, T("10:04:59"), "02134");
        Add(op, 3, T("10:05:00"), "x1");
        Add(op, 9, T("10:07:00"), ""); // not in the lookups: every dimension unknown

        var results = op.Compute();

        long ten = T("10:00:00"), five = T("10:05:00");
        Assert.Equal(
            [
                new PanePlays(ten, five, "gender", "F", 1), new PanePlays(ten, five, "gender", "M", 1),
                new PanePlays(ten, five, "level", "free", 1), new PanePlays(ten, five, "level", "gold", 1),
                new PanePlays(ten, five, "age", "under 18", 1), new PanePlays(ten, five, "age", "25-34", 1),
                new PanePlays(five, five + Slide, "gender", "F", 1), new PanePlays(five, five + Slide, "gender", "unknown", 1),
                new PanePlays(five, five + Slide, "level", "unknown", 2),
                new PanePlays(five, five + Slide, "age", "unknown", 2),
            ],
            results.Panes);
        // Leading zeros kept; "x1" and the empty zip are both "other", which ties with 02134 and sorts after it.
        Assert.Equal([new ZipPlays("02134", 2), new ZipPlays("other", 2)], results.Zips);
        Assert.Equal(2, op.Panes);
    }

    [Fact]
    public void Blocks_in_any_order_count_what_plays_added_one_by_one_count_and_what_a_brute_force_count_says()
    {
        var plays = RandomPlays(seed: 11, count: 3_000);
        var single = new BreakdownsOperator(AnalyticsSettings.Default);
        foreach (var (customer, time, zip) in plays)
            Add(single, customer, time, zip);

        var blocked = new BreakdownsOperator(AnalyticsSettings.Default);
        foreach (var chunk in plays.Chunk(700))
        {
            var block = new PlayBlock(1024);
            foreach (var (customer, time, zip) in chunk)
                block.Add(new PlayEvent(0, customer, 5, time, false), Encoding.ASCII.GetBytes(zip), Lookups);
            blocked.AddBlock(block.Plays); // unsorted: runs of one pane are short, the counts the same
        }

        var expected = BruteForce(plays);
        Assert.Equal(expected.Panes, single.Compute().Panes);
        Assert.Equal(expected.Zips, single.Compute().Zips);
        Assert.Equal(expected.Panes, blocked.Compute().Panes);
        Assert.Equal(expected.Zips, blocked.Compute().Zips);
    }

    [Fact]
    public void A_snapshot_reads_back_the_same_counts_and_a_merge_of_halves_equals_the_whole()
    {
        var plays = RandomPlays(seed: 5, count: 1_500);
        var whole = new BreakdownsOperator(AnalyticsSettings.Default);
        var first = new BreakdownsOperator(AnalyticsSettings.Default);
        var second = new BreakdownsOperator(AnalyticsSettings.Default);
        for (var i = 0; i < plays.Count; i++)
        {
            var (customer, time, zip) = plays[i];
            Add(whole, customer, time, zip);
            Add(i % 2 == 0 ? first : second, customer, time, zip);
        }
        first.Merge(second);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            whole.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var back = BreakdownsOperator.Read(reader, AnalyticsSettings.Default);

        var expected = BruteForce(plays);
        foreach (var op in new[] { first, back })
        {
            Assert.Equal(expected.Panes, op.Compute().Panes);
            Assert.Equal(expected.Zips, op.Compute().Zips);
        }
    }

    [Fact]
    public void Retaining_keeps_the_zips_and_the_panes_of_windows_ending_after_the_horizon()
    {
        var op = new BreakdownsOperator(AnalyticsSettings.Default);
        Add(op, 1, T("11:34:59"), "1"); // pane 11:30: every 30-minute window holding it ends by 12:00
        Add(op, 2, T("11:35:00"), "2"); // pane 11:35: the window 11:35-12:05 ends after 12:00

        var kept = op.Retaining(T("12:00:00"));

        Assert.Equal([T("11:35:00")], kept.Compute().Panes.Select(p => p.PaneStart).Distinct());
        Assert.Equal(["1", "2"], kept.Compute().Zips.Select(z => z.Zip).Order());
        Assert.Equal(2, op.Panes); // the original is untouched
    }

    [Fact]
    public void Where_splits_panes_by_their_number_and_takes_the_zips_only_when_asked()
    {
        var op = new BreakdownsOperator(AnalyticsSettings.Default);
        Add(op, 1, T("10:00:00"), "1");
        Add(op, 2, T("10:05:00"), "2");
        var tenPane = T("10:00:00") / Slide;

        var even = op.Where(pane => pane == tenPane, withZips: false);
        var odd = op.Where(pane => pane != tenPane, withZips: true);

        Assert.Equal([T("10:00:00")], even.Compute().Panes.Select(p => p.PaneStart).Distinct());
        Assert.Empty(even.Compute().Zips);
        Assert.Equal([T("10:05:00")], odd.Compute().Panes.Select(p => p.PaneStart).Distinct());
        Assert.Equal(2, odd.Compute().Zips.Count);
        Assert.Equal([tenPane, tenPane + 1], op.PaneNumbers.ToArray().Order());
        Assert.Equal([ZipKey.Of("1"u8), ZipKey.Of("2"u8)], op.ZipKeys().Order());
    }

    [Fact]
    public void Counts_added_per_pane_and_per_zip_are_the_counts_of_the_plays_they_stand_for()
    {
        var byPlays = new BreakdownsOperator(AnalyticsSettings.Default);
        Add(byPlays, 1, T("10:00:00"), "7");
        Add(byPlays, 1, T("10:01:00"), "7");
        Add(byPlays, 2, T("10:02:00"), "7");

        var byCounts = new BreakdownsOperator(AnalyticsSettings.Default);
        var genders = new long[GenderCodes.MaxSlots];
        genders[GenderCodes.Slot("F")] = 2;
        genders[GenderCodes.Slot("M")] = 1;
        var levels = new long[CustomerTraits.LevelSlots];
        levels[0] = 1; // free
        levels[2] = 2; // gold
        var ages = new long[CustomerTraits.AgeSlots];
        ages[0] = 1; // under 18
        ages[2] = 2; // 25-34
        byCounts.AddPane(T("10:00:00") / Slide, genders, levels, ages);
        byCounts.AddZip(ZipKey.Of("7"u8), 3);

        Assert.Equal(byPlays.Compute().Panes, byCounts.Compute().Panes);
        Assert.Equal(byPlays.Compute().Zips, byCounts.Compute().Zips);
    }

    [Fact]
    public void Computing_asked_panes_and_zips_leaves_out_the_others()
    {
        var op = new BreakdownsOperator(AnalyticsSettings.Default);
        Add(op, 1, T("10:00:00"), "1");
        Add(op, 2, T("10:05:00"), "2");
        Add(op, 2, T("10:06:00"), "2");

        var some = op.Compute(new HashSet<long> { T("10:05:00") / Slide, 12345 }, new HashSet<int> { ZipKey.Of("2"u8) });

        Assert.All(some.Panes, p => Assert.Equal(T("10:05:00"), p.PaneStart));
        Assert.Contains(new PanePlays(T("10:05:00"), T("10:10:00"), "gender", "M", 2), some.Panes);
        Assert.Equal([new ZipPlays("2", 2)], some.Zips);
    }

    [Fact]
    public void A_snapshot_naming_an_unknown_dimension_or_value_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Read(pane => { pane.Write((byte)9); pane.Write("x"); pane.Write(1L); }));
        Assert.Throws<InvalidDataException>(() => Read(pane => { pane.Write((byte)1); pane.Write("platinum"); pane.Write(1L); }));

        static void Read(Action<BinaryWriter> entry)
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(1);      // panes
                writer.Write(100L);   // the pane
                writer.Write(1);      // entries
                entry(writer);
                writer.Write(0);      // zips
            }
            buffer.Position = 0;
            using var reader = new BinaryReader(buffer);
            BreakdownsOperator.Read(reader, AnalyticsSettings.Default);
        }
    }

    private static List<(int Customer, long Time, string Zip)> RandomPlays(int seed, int count)
    {
        var random = new Random(seed);
        string[] zips = ["02134", "2134", "10001", "", "abc", "123456789", "00000"];
        var start = T("00:00:00");
        return [.. Enumerable.Range(0, count).Select(_ => (random.Next(1, 6), start + random.Next(3 * 86_400), zips[random.Next(zips.Length)]))];
    }

    /// <summary>The breakdowns counted play by play from the customers' own fields, ordered as documented.</summary>
    private static BreakdownResults BruteForce(List<(int Customer, long Time, string Zip)> plays)
    {
        string[] levelOrder = ["free", "silver", "gold", "unknown"];
        string[] ageOrder = ["under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown"];
        static string Level(Customer? c) => c?.Level switch { "0" => "free", "1" => "silver", "2" => "gold", _ => "unknown" };
        static string Age(Customer? c) => c?.Age is null ? "unknown" : int.Parse(c.Age) switch
        {
            < 18 => "under 18", <= 24 => "18-24", <= 34 => "25-34", <= 44 => "35-44", <= 54 => "45-54", <= 64 => "55-64", _ => "65+",
        };
        static string Zip(string zip) => zip.Length is > 0 and <= 8 && zip.All(char.IsAsciiDigit) ? zip : "other";

        var panes = new List<PanePlays>();
        foreach (var pane in plays.GroupBy(p => p.Time / Slide * Slide).OrderBy(g => g.Key))
        {
            var customers = pane.Select(p => Lookups.Customers.Get(p.Customer)).ToList();
            panes.AddRange(customers.GroupBy(c => c?.Gender ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new PanePlays(pane.Key, pane.Key + Slide, "gender", g.Key, g.Count())));
            panes.AddRange(customers.GroupBy(Level).OrderBy(g => Array.IndexOf(levelOrder, g.Key))
                .Select(g => new PanePlays(pane.Key, pane.Key + Slide, "level", g.Key, g.Count())));
            panes.AddRange(customers.GroupBy(Age).OrderBy(g => Array.IndexOf(ageOrder, g.Key))
                .Select(g => new PanePlays(pane.Key, pane.Key + Slide, "age", g.Key, g.Count())));
        }
        var zipPlays = plays.GroupBy(p => Zip(p.Zip)).Select(g => new ZipPlays(g.Key, g.Count()))
            .OrderByDescending(z => z.Plays).ThenBy(z => z.Zip, StringComparer.Ordinal).ToList();
        return new BreakdownResults(panes, zipPlays);
    }
}
