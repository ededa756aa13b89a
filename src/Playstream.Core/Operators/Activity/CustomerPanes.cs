using Playstream.Core.Operators.Shared;

namespace Playstream.Core.Operators.Activity;

/// <summary>
/// The activity panes each customer played in, as one sorted array per customer. Adding a pane
/// tells at once which sliding windows the customer has just become a listener of: those holding
/// the new pane and neither neighbour pane. So distinct listeners per window can be kept as
/// counts that only grow, one binary search a play, whatever the order plays arrive in; and
/// listener counts of disjoint sets of customers add up.
/// </summary>
public sealed class CustomerPanes
{
    private readonly IdSlots _customers = new();
    private int[][] _panes = new int[64][];
    private int[] _counts = new int[64];

    /// <summary>How many (customer, pane) pairs are held.</summary>
    public long Pairs { get; private set; }

    /// <summary>The distinct panes held, over all customers.</summary>
    public int DistinctPanes => _panes.Take(_customers.Count).SelectMany((p, i) => p.Take(_counts[i])).Distinct().Count();

    /// <summary>
    /// Adds a customer's play in a pane. Returns false when the customer already played in it;
    /// otherwise true, with the first and last window (each numbered by its first pane) that the
    /// customer is now a listener of for the first time (none when <paramref name="lastWindow"/> is
    /// below <paramref name="firstWindow"/>).
    /// </summary>
    public bool Add(int customerId, long pane, int panesPerWindow, out long firstWindow, out long lastWindow)
    {
        var p = checked((int)pane);
        var slot = _customers.GetOrAdd(customerId);
        if (slot >= _panes.Length)
        {
            Array.Resize(ref _panes, _panes.Length * 2);
            Array.Resize(ref _counts, _counts.Length * 2);
        }
        var panes = _panes[slot] ??= new int[4];
        var count = _counts[slot];
        var at = panes.AsSpan(0, count).BinarySearch(p);
        if (at >= 0)
        {
            firstWindow = lastWindow = 0;
            return false;
        }
        at = ~at;
        // A window [s, s + panesPerWindow) holding the new pane is new to the customer when it holds neither neighbour.
        long previous = at > 0 ? panes[at - 1] : long.MinValue / 2;
        long next = at < count ? panes[at] : long.MaxValue / 2;
        firstWindow = Math.Max(p - panesPerWindow + 1, previous + 1);
        lastWindow = Math.Min(p, next - panesPerWindow);
        if (count == panes.Length)
        {
            Array.Resize(ref panes, count * 2);
            _panes[slot] = panes;
        }
        panes.AsSpan(at, count - at).CopyTo(panes.AsSpan(at + 1));
        panes[at] = p;
        _counts[slot] = count + 1;
        Pairs++;
        return true;
    }

    /// <summary>Forgets every pane before <paramref name="firstKept"/> (windows made only of them are final).</summary>
    public void DropBefore(long firstKept)
    {
        var first = (int)Math.Clamp(firstKept, int.MinValue, int.MaxValue);
        for (var slot = 0; slot < _customers.Count; slot++)
        {
            var panes = _panes[slot];
            var count = _counts[slot];
            if (panes is null || count == 0 || panes[0] >= first)
                continue;
            var from = panes.AsSpan(0, count).BinarySearch(first);
            from = from >= 0 ? from : ~from;
            panes.AsSpan(from, count - from).CopyTo(panes);
            _counts[slot] = count - from;
            Pairs -= from;
        }
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var ids = _customers.Ids;
        writer.Write(ids.Length);
        for (var slot = 0; slot < ids.Length; slot++)
        {
            writer.Write(ids[slot]);
            writer.Write7BitEncodedInt(_counts[slot]);
            var previous = 0;
            for (var i = 0; i < _counts[slot]; i++)
            {
                // Ascending: the gaps are small.
                writer.Write7BitEncodedInt64((long)_panes[slot][i] - previous);
                previous = _panes[slot][i];
            }
        }
    }

    public static CustomerPanes Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new CustomerPanes();
        for (var customers = reader.ReadInt32(); customers > 0; customers--)
        {
            var id = reader.ReadInt32();
            var count = reader.Read7BitEncodedInt();
            var slot = result._customers.GetOrAdd(id);
            if (slot >= result._panes.Length)
            {
                Array.Resize(ref result._panes, Math.Max(result._panes.Length * 2, slot + 1));
                Array.Resize(ref result._counts, result._panes.Length);
            }
            var panes = new int[Math.Max(4, count)];
            long previous = 0;
            for (var i = 0; i < count; i++)
                panes[i] = (int)(previous += reader.Read7BitEncodedInt64());
            result._panes[slot] = panes;
            result._counts[slot] = count;
            result.Pairs += count;
        }
        return result;
    }
}
