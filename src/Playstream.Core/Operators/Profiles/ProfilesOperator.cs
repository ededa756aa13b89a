using System.Runtime.CompilerServices;
using Playstream.Core.Operators.Shared;
using Playstream.Core.Results;

namespace Playstream.Core.Operators.Profiles;

/// <summary>
/// Per-customer counts over all time: plays, plays per part of the day, mobile plays.
/// Customers sit in dense slots (<see cref="IdSlots"/>). The distinct tracks of a customer
/// are not counted here: they come from the (customer, track) table the interests operator
/// keeps anyway, handed in at result time, so a merge of partitions that share a customer
/// stays exact without a second set of pairs.
/// </summary>
public sealed class ProfilesOperator
{
    private const int Fields = 6; // plays, morning, afternoon, evening, night, mobile
    private const int PlaysField = 0;
    private const int MobileField = 5;

    private readonly IdSlots _customers = new();
    // Fields consecutive per customer slot: one cache line per play.
    private long[] _counts = new long[64 * Fields];

    public int Customers => _customers.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <summary>Adds a play; returns the customer's slot (dense, from 0, stable: what per-customer side arrays index by).</summary>
    public int Add(int customerId, long time, bool isMobile)
    {
        var slot = SlotOf(customerId);
        var at = slot * Fields;
        _counts[at + PlaysField]++;
        _counts[at + 1 + (int)DayParts.Of(time)]++;
        if (isMobile)
            _counts[at + MobileField]++;
        return slot;
    }

    /// <summary>The customer in a slot <see cref="Add"/> returned.</summary>
    public int CustomerOf(int slot) => _customers.Ids[slot];

    /// <summary>A customer's slot, or -1 when it has no play.</summary>
    public int SlotOfCustomer(int customerId) => _customers.Find(customerId);

    /// <summary>The number of counts per customer: plays, morning, afternoon, evening, night, mobile plays.</summary>
    public const int CountsPerCustomer = Fields;

    /// <summary>Copies a customer's counts (<see cref="CountsPerCustomer"/> of them) into <paramref name="counts"/>; false when it has none.</summary>
    public bool TryGetCounts(int customerId, Span<long> counts)
    {
        var slot = _customers.Find(customerId);
        if (slot < 0)
            return false;
        _counts.AsSpan(slot * Fields, Fields).CopyTo(counts);
        return true;
    }

    public void Merge(ProfilesOperator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var ids = other._customers.Ids;
        for (var otherSlot = 0; otherSlot < ids.Length; otherSlot++)
            AddCounts(ids[otherSlot], other._counts.AsSpan(otherSlot * Fields, Fields));
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var ids = _customers.Ids;
        writer.Write(ids.Length);
        for (var slot = 0; slot < ids.Length; slot++)
        {
            writer.Write(ids[slot]);
            for (var f = 0; f < Fields; f++)
                writer.Write(_counts[slot * Fields + f]);
        }
    }

    public static ProfilesOperator Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new ProfilesOperator();
        var customers = reader.ReadInt32();
        Span<long> counts = stackalloc long[Fields];
        for (var i = 0; i < customers; i++)
        {
            var id = reader.ReadInt32();
            for (var f = 0; f < Fields; f++)
                counts[f] = reader.ReadInt64();
            result.AddCounts(id, counts);
        }
        return result;
    }

    /// <summary>One profile per customer with plays, by customer id.</summary>
    /// <param name="distinctTracks">Distinct tracks per customer id (absent means none).</param>
    public List<CustomerProfile> ComputeProfiles(IReadOnlyDictionary<int, long> distinctTracks)
    {
        ArgumentNullException.ThrowIfNull(distinctTracks);
        var ids = _customers.Ids;
        var profiles = new List<CustomerProfile>(ids.Length);
        for (var slot = 0; slot < ids.Length; slot++)
        {
            var c = _counts.AsSpan(slot * Fields, Fields);
            profiles.Add(new CustomerProfile(ids[slot], c[PlaysField], c[1], c[2], c[3], c[4], c[MobileField],
                distinctTracks.GetValueOrDefault(ids[slot])));
        }
        profiles.Sort((a, b) => a.CustomerId.CompareTo(b.CustomerId));
        return profiles;
    }

    /// <summary>The means across customers of each share of their plays; zeros when there are no customers.</summary>
    public static ProfileSummary Summarize(IReadOnlyList<CustomerProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count == 0)
            return new ProfileSummary(0, 0, 0, 0, 0, 0, 0);
        double morning = 0, afternoon = 0, evening = 0, night = 0, mobile = 0, unique = 0;
        // Summed in customer order, so the same customers give the same bits whatever the event order.
        foreach (var p in profiles)
        {
            double plays = p.Plays;
            morning += p.Morning / plays;
            afternoon += p.Afternoon / plays;
            evening += p.Evening / plays;
            night += p.Night / plays;
            mobile += p.MobilePlays / plays;
            unique += p.UniqueTracks / plays;
        }
        double n = profiles.Count;
        return new ProfileSummary(profiles.Count, morning / n, afternoon / n, evening / n, night / n, mobile / n, unique / n);
    }

    private void AddCounts(int customerId, ReadOnlySpan<long> counts)
    {
        var at = SlotOf(customerId) * Fields;
        for (var f = 0; f < Fields; f++)
            _counts[at + f] += counts[f];
    }

    private int SlotOf(int customerId)
    {
        var slot = _customers.GetOrAdd(customerId);
        if ((slot + 1) * Fields > _counts.Length)
            Array.Resize(ref _counts, _counts.Length * 2);
        return slot;
    }
}
