using System.Runtime.CompilerServices;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Core.Engine;

/// <summary>
/// A block of enriched plays (and the dead letters met while reading them) handed whole to
/// <see cref="PartitionAnalytics.AddBlock"/>. Reading fills a block on its own thread; the
/// analytics then sort it by pane, so that each pane's state is touched once per block
/// instead of once per play: unordered input costs about what ordered input does. Blocks are
/// reused (<see cref="Clear"/>), so steady reading allocates nothing.
/// </summary>
public sealed class PlayBlock
{
    public const int DefaultCapacity = 1 << 18;

    private EnrichedPlay[] _plays;
    private EnrichedPlay[] _scratch;
    private readonly long[] _deadLetters = new long[DeadLetterReasonNames.Count];
    private LookupTables? _tablesFor;
    private CustomerTraits? _traits;

    public PlayBlock(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _plays = new EnrichedPlay[capacity];
        _scratch = new EnrichedPlay[capacity];
    }

    public int Count { get; private set; }
    public int Capacity => _plays.Length;
    public bool IsFull => Count == _plays.Length;

    /// <summary>Dead letters counted into this block, by reason.</summary>
    internal ReadOnlySpan<long> DeadLetters => _deadLetters;

    internal Span<EnrichedPlay> Plays => _plays.AsSpan(0, Count);

    /// <summary>A second array of the same size, for sorting out of place.</summary>
    internal Span<EnrichedPlay> Scratch => _scratch.AsSpan(0, Count);

    /// <summary>After sorting into <see cref="Scratch"/>: the sorted plays become the block's.</summary>
    internal void SwapScratch() => (_plays, _scratch) = (_scratch, _plays);

    /// <summary>
    /// Enriches a play from the lookups, as <see cref="PartitionAnalytics.Add(in PlayEvent, ReadOnlySpan{byte}, LookupTables)"/>
    /// does, and adds it; the caller checks <see cref="IsFull"/> first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in PlayEvent play, ReadOnlySpan<byte> zip, LookupTables lookups)
    {
        ArgumentNullException.ThrowIfNull(lookups);
        var customers = lookups.Customers;
        // The traits table is found once per lookups, not once per play.
        if (!ReferenceEquals(lookups, _tablesFor) || _traits is null)
        {
            _tablesFor = lookups;
            _traits = CustomerTraits.Of(customers);
        }
        var known = customers.Contains(play.CustomerId);
        var genderSlot = known ? customers.GenderSlot(play.CustomerId) : GenderCodes.UnknownSlot;
        Add(play, genderSlot, known, lookups.Tracks.Contains(play.TrackId), _traits.Packed(play.CustomerId), ZipKey.Of(zip));
    }

    /// <summary>Adds a play already enriched; an unknown customer always counts as gender <c>unknown</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(in PlayEvent play, byte genderSlot, bool customerKnown, bool trackKnown, byte traits, int zipKey)
    {
        ref var slot = ref _plays[Count];
        slot.Time = play.Time;
        slot.CustomerId = play.CustomerId;
        slot.TrackId = play.TrackId;
        slot.ZipKey = zipKey;
        slot.GenderSlot = customerKnown ? genderSlot : GenderCodes.UnknownSlot;
        slot.Traits = traits;
        slot.Flags = (byte)((play.IsMobile ? EnrichedPlay.Mobile : 0)
            | (customerKnown ? EnrichedPlay.CustomerKnown : 0)
            | (trackKnown ? EnrichedPlay.TrackKnown : 0));
        Count++;
    }

    public void CountDeadLetter(DeadLetterReason reason)
    {
        if ((uint)reason >= (uint)_deadLetters.Length)
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown dead-letter reason");
        _deadLetters[(int)reason]++;
    }

    public void Clear()
    {
        Count = 0;
        Array.Clear(_deadLetters);
    }
}
