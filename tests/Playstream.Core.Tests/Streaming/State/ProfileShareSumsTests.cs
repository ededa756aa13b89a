using System.Text;
using Playstream.Core.Streaming.State;

namespace Playstream.Core.Tests.Streaming.State;

public sealed class ProfileShareSumsTests
{
    // plays, morning, afternoon, evening, night, mobile
    private static readonly long[] Ann = [4, 1, 1, 2, 0, 3];
    private static readonly long[] Bob = [2, 0, 0, 0, 2, 0];

    [Fact]
    public void The_means_are_the_means_of_each_customers_shares()
    {
        var sums = new ProfileShareSums();
        sums.Add(Ann, uniqueTracks: 2, sign: 1);
        sums.Add(Bob, uniqueTracks: 1, sign: 1);

        var s = sums.ToSummary();

        Assert.Equal(2, s.Customers);
        Assert.Equal((0.25 + 0) / 2, s.Morning, 12);
        Assert.Equal((0.25 + 0) / 2, s.Afternoon, 12);
        Assert.Equal((0.5 + 0) / 2, s.Evening, 12);
        Assert.Equal((0 + 1.0) / 2, s.Night, 12);
        Assert.Equal((0.75 + 0) / 2, s.Mobile, 12);
        Assert.Equal((0.5 + 0.5) / 2, s.Unique, 12);
    }

    [Fact]
    public void Taking_a_customers_old_shares_out_leaves_exactly_what_was_there_before()
    {
        var sums = new ProfileShareSums();
        sums.Add(Bob, 1, 1);
        var before = sums.ToSummary();
        sums.Add(Ann, 2, 1);
        sums.Add(Ann, 2, -1);

        Assert.Equal(before, sums.ToSummary());
        sums.Add(Bob, 1, -1);
        Assert.True(sums.IsZero);
        Assert.Equal(new Core.Results.ProfileSummary(0, 0, 0, 0, 0, 0, 0), sums.ToSummary());
    }

    [Fact]
    public void Sums_merged_in_any_split_equal_the_sums_of_all_and_survive_a_snapshot()
    {
        var random = new Random(2);
        var customers = Enumerable.Range(0, 300).Select(_ =>
        {
            var parts = Enumerable.Range(0, 4).Select(_ => (long)random.Next(5)).ToArray();
            var plays = Math.Max(1, parts.Sum());
            return (Counts: new[] { plays, parts[0], parts[1], parts[2], plays - parts[0] - parts[1] - parts[2], random.Next((int)plays + 1) }, Unique: (long)random.Next(1, (int)plays + 1));
        }).ToList();
        var all = new ProfileShareSums();
        var a = new ProfileShareSums();
        var b = new ProfileShareSums();
        for (var i = 0; i < customers.Count; i++)
        {
            all.Add(customers[i].Counts, customers[i].Unique, 1);
            (i % 3 == 0 ? a : b).Add(customers[i].Counts, customers[i].Unique, 1);
        }
        b.Merge(a);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            b.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);

        Assert.Equal(all.ToSummary(), b.ToSummary()); // exactly: integer sums do not depend on order
        Assert.Equal(all.ToSummary(), ProfileShareSums.Read(reader).ToSummary());
        Assert.Equal(customers.Average(c => (double)c.Counts[5] / c.Counts[0]), all.ToSummary().Mobile, 12);
    }

    [Fact]
    public void A_customer_without_plays_is_not_counted_and_a_sign_must_be_one_or_minus_one()
    {
        var sums = new ProfileShareSums();
        sums.Add([0, 0, 0, 0, 0, 0], 0, 1);
        Assert.True(sums.IsZero);
        Assert.Throws<ArgumentOutOfRangeException>(() => sums.Add(Ann, 1, 2));
    }
}
