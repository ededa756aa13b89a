using System.Text;
using Playstream.Core.Operators.Activity;

namespace Playstream.Core.Tests.Operators.Activity;

/// <summary>
/// The windows a customer newly listens in, added up over random plays, against the distinct
/// listeners of every window counted from scratch.
/// </summary>
public sealed class CustomerPanesTests
{
    private const int PanesPerWindow = 6;

    private static Dictionary<long, long> AddAll(CustomerPanes panes, IEnumerable<(int Customer, long Pane)> plays, Dictionary<long, long>? listeners = null)
    {
        listeners ??= [];
        foreach (var (customer, pane) in plays)
            if (panes.Add(customer, pane, PanesPerWindow, out var first, out var last))
                for (var window = first; window <= last; window++)
                    listeners[window] = listeners.GetValueOrDefault(window) + 1;
        return listeners;
    }

    private static Dictionary<long, long> BruteForce(List<(int Customer, long Pane)> plays) =>
        plays.SelectMany(p => Enumerable.Range(0, PanesPerWindow).Select(k => (Window: p.Pane - k, p.Customer)))
            .Distinct().GroupBy(x => x.Window).ToDictionary(g => g.Key, g => (long)g.Count());

    private static List<(int, long)> RandomPlays(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (random.Next(40), (long)random.Next(-20, 200)))];
    }

    [Fact]
    public void New_listener_windows_add_up_to_each_windows_distinct_listeners_in_any_order()
    {
        var plays = RandomPlays(1, 3_000);
        var panes = new CustomerPanes();

        var counted = AddAll(panes, plays);

        Assert.Equal(BruteForce(plays).OrderBy(kv => kv.Key), counted.OrderBy(kv => kv.Key));
        Assert.Equal(plays.Distinct().Count(), panes.Pairs);
        Assert.Equal(plays.Select(p => p.Item2).Distinct().Count(), panes.DistinctPanes);
    }

    [Fact]
    public void A_pane_played_again_changes_nothing()
    {
        var panes = new CustomerPanes();
        Assert.True(panes.Add(1, 10, PanesPerWindow, out var first, out var last));
        Assert.Equal((5L, 10L), (first, last)); // windows starting at panes 5..10 hold pane 10
        Assert.False(panes.Add(1, 10, PanesPerWindow, out _, out _));
        Assert.True(panes.Add(1, 12, PanesPerWindow, out first, out last));
        Assert.Equal((11L, 12L), (first, last)); // 7..10 hold pane 10 already
        Assert.True(panes.Add(1, 11, PanesPerWindow, out first, out last));
        Assert.True(last < first); // every window holding 11 holds 10 or 12
        Assert.Equal(3, panes.Pairs);
    }

    [Fact]
    public void A_snapshot_goes_on_as_the_original_would()
    {
        var plays = RandomPlays(2, 2_000);
        var original = new CustomerPanes();
        var counted = AddAll(original, plays.Take(1_000));
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            original.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);

        var restored = CustomerPanes.Read(reader);

        Assert.Equal(original.Pairs, restored.Pairs);
        AddAll(restored, plays.Skip(1_000), counted);
        Assert.Equal(BruteForce(plays).OrderBy(kv => kv.Key), counted.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Dropping_panes_before_a_point_forgets_only_those()
    {
        var panes = new CustomerPanes();
        foreach (var pane in new long[] { 1, 3, 5, 7 })
            panes.Add(1, pane, PanesPerWindow, out _, out _);
        panes.Add(2, 8, PanesPerWindow, out _, out _);

        panes.DropBefore(5);

        Assert.Equal(3, panes.Pairs); // 5 and 7 of customer 1, 8 of customer 2
        Assert.False(panes.Add(1, 5, PanesPerWindow, out _, out _));
        Assert.True(panes.Add(1, 3, PanesPerWindow, out _, out _)); // forgotten, so new again
    }
}
