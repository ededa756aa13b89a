using System.Runtime.CompilerServices;
using Playstream.Core.Operators.Shared;
namespace Playstream.Core.Operators.Interests;

/// <summary>
/// Every (customer, track) pair that was played, with the pair's play times, in one
/// open-addressing table keyed by customer and track packed into a long. It answers two
/// analytics: the distinct tracks of each customer (the pairs) and interests (the times).
/// <para>
/// Times of a pair are kept sorted, and the interest rule is checked on each insert around the
/// new time only. Once a pair is detected at D, no later time can give an earlier detection, so
/// times after D are dropped and later plays are not stored: memory stays bounded for heavy
/// pairs and the result is exact in any event order.
/// </para>
/// <para>
/// Most pairs have one or two plays, so a slot holds up to two times itself and only pairs with
/// more move their times to a <see cref="TimeArena"/> run. The slot also keeps the pair's last
/// time, so a play after a detection is dropped without touching the arena: one cache miss per
/// play instead of two.
/// </para>
/// </summary>
internal sealed partial class CustomerTrackPlays
{
    private const int InlineTimes = 2;
    private const int FirstRunCapacity = 4;
    private const uint DetectedBit = 1u << 31;

    /// <summary>
    /// One pair: with at most two times, <see cref="First"/> and <see cref="Last"/> are the times
    /// (equal when there is one); with more, the times are the arena run at <see cref="Offset"/>,
    /// <see cref="First"/> holds the run's capacity and <see cref="Last"/> mirrors its last time.
    /// </summary>
    private struct Pair
    {
        public long Key;
        public long First;
        public long Last;
        public int Offset;
        public uint State; // count of stored times (0 marks an empty slot) | DetectedBit

        public readonly int Count => (int)(State & ~DetectedBit);
        public readonly bool Detected => (State & DetectedBit) != 0;
        public readonly bool Spilled => Count > InlineTimes;
    }

    private readonly int _plays;
    private readonly long _within;
    private readonly TimeArena _arena = new();
    private Pair[] _table = new Pair[1024];
    private int _shift = 64 - 10;

    public CustomerTrackPlays(int interestPlays, int withinSeconds)
    {
        _plays = interestPlays;
        _within = withinSeconds;
    }

    public int Count { get; private set; }

    public void Add(int customerId, int trackId, long time) => Insert(ref PairOf(Pack(customerId, trackId)), time);

    /// <summary>Adds a play; says whether it is the pair's first, and whether the pair's detection changed (appeared, or moved earlier).</summary>
    public PairChange AddReportingChange(int customerId, int trackId, long time)
    {
        ref var pair = ref PairOf(Pack(customerId, trackId));
        var change = pair.State == 0 ? PairChange.NewPair : PairChange.None;
        var wasDetected = pair.Detected;
        var detectedAt = pair.Last;
        Insert(ref pair, time);
        if (pair.Detected && (!wasDetected || pair.Last != detectedAt))
            change |= PairChange.DetectionChanged;
        return change;
    }

    /// <summary>When the pair's interest was detected, or null (not detected, or never played).</summary>
    public long? DetectedAt(int customerId, int trackId)
    {
        var key = Pack(customerId, trackId);
        var mask = _table.Length - 1;
        for (var i = Hash(key); ; i = (i + 1) & mask)
        {
            ref var pair = ref _table[i];
            if (pair.State == 0)
                return null;
            if (pair.Key == key)
                return pair.Detected ? pair.Last : null;
        }
    }

    /// <summary>
    /// Adds plays given as packed keys with their times, best ordered by the table's hash (see
    /// <see cref="Engine.PlayBlockSorter.PairsInTableOrder"/>): the lookups then sweep the table
    /// in memory order. A run of one key is looked up once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddMany(ReadOnlySpan<Engine.PairTime> plays)
    {
        // Keys in hash order fill the table front to back: were it to grow midway, the keys
        // rehashed so far would sit packed at its front and every later one would probe past
        // them all (quadratic). Room for every play to be a new pair keeps the sweep linear.
        var size = _table.Length;
        while ((Count + (long)plays.Length) * 4 > size * 3L)
            size *= 2;
        if (size > _table.Length)
            Grow(size);
        var i = 0;
        while (i < plays.Length)
        {
            var key = plays[i].Key;
            // Inserting times never grows the table, so the ref stays valid for the run.
            ref var pair = ref PairOf(key);
            do
                Insert(ref pair, plays[i++].Time);
            while (i < plays.Length && plays[i].Key == key);
        }
    }

    public void Merge(CustomerTrackPlays other)
    {
        Span<long> inline = stackalloc long[InlineTimes];
        // Partitions mostly share their pairs, so room for both is at most twice what is needed,
        // and growing once up front saves rehashing the table (some times) during the merge.
        // Never smaller than the other table: inserting a table's keys in its slot order into a
        // smaller table with the same hash packs them into long probe runs (quadratic time).
        var size = Math.Max(_table.Length, other._table.Length);
        while ((long)(Count + other.Count) * 4 > size * 3L)
            size *= 2;
        if (size > _table.Length)
            Grow(size);
        foreach (ref var pair in other._table.AsSpan())
        {
            if (pair.State == 0)
                continue;
            // Look the pair up once, then insert the times; the arena may move, but the ref into our table stays valid
            // because inserting times never grows the table.
            ref var mine = ref PairOf(pair.Key);
            foreach (var time in other.TimesOf(pair, inline))
                Insert(ref mine, time);
            if (pair.Detected)
                DetectAt(ref mine, pair.Last);
        }
    }

    public void Write(BinaryWriter writer)
    {
        Span<long> inline = stackalloc long[InlineTimes];
        writer.Write(Count);
        foreach (ref var pair in _table.AsSpan())
        {
            if (pair.State == 0)
                continue;
            writer.Write(pair.Key);
            // A detected pair's count is written negative: once its older times are dropped
            // (DropTimesBefore), the times alone no longer show the detection.
            writer.Write(pair.Detected ? -pair.Count : pair.Count);
            foreach (var time in TimesOf(pair, inline))
                writer.Write(time);
        }
    }

    public void Read(BinaryReader reader)
    {
        var pairs = reader.ReadInt32();
        for (var i = 0; i < pairs; i++)
        {
            var key = reader.ReadInt64();
            var count = reader.ReadInt32();
            var detected = count < 0;
            var times = Math.Abs(count);
            if (times < 1)
                throw new InvalidDataException("a stored pair has no play time");
            ref var pair = ref PairOf(key);
            var last = long.MinValue;
            for (var t = 0; t < times; t++)
            {
                last = reader.ReadInt64();
                Insert(ref pair, last);
            }
            if (detected)
                DetectAt(ref pair, last);
        }
    }

    /// <summary>Calls <paramref name="visit"/> with each pair's customer, track and detection time (or null).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForEach(Action<int, int, long?> visit)
    {
        foreach (ref var pair in _table.AsSpan())
        {
            if (pair.State == 0)
                continue;
            // The detection time is the last stored time.
            visit((int)(pair.Key >> 32), (int)pair.Key, pair.Detected ? pair.Last : null);
        }
    }

    private static long Pack(int customerId, int trackId) => ((long)customerId << 32) | (uint)trackId;

    private ReadOnlySpan<long> TimesOf(in Pair pair, Span<long> inline)
    {
        if (pair.Spilled)
            return _arena.Run(pair.Offset, pair.Count);
        inline[0] = pair.First;
        inline[1] = pair.Last;
        return inline[..pair.Count];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Insert(ref Pair pair, long time)
    {
        if (pair.Detected && time >= pair.Last)
            return;
        var count = pair.Count;
        if (count < InlineTimes)
        {
            InsertInline(ref pair, time);
            return;
        }
        if (count == InlineTimes)
            Spill(ref pair);
        else if (count == (int)pair.First)
        {
            pair.Offset = _arena.Grow(pair.Offset, count, (int)pair.First);
            pair.First *= 2;
        }
        var times = _arena.Run(pair.Offset, count + 1);
        // Plays mostly arrive in time order, so look for the place from the end.
        var at = count;
        if (at > 16)
            at = SortedBounds.Upper(times[..count], time);
        else
            while (at > 0 && times[at - 1] > time)
                at--;
        times[at..count].CopyTo(times[(at + 1)..]);
        times[at] = time;
        count++;
        var detectedCount = CheckInterest(times[..count], at);
        if (detectedCount > 0)
        {
            count = detectedCount;
            pair.State = DetectedBit;
        }
        SetSpilledCount(ref pair, times, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InsertInline(ref Pair pair, long time)
    {
        if (pair.Count == 0)
        {
            pair.First = pair.Last = time;
            pair.State = 1;
        }
        else
        {
            // One time stored (in both fields): the new one goes before or after it.
            if (time < pair.First)
                pair.First = time;
            else
                pair.Last = time;
            pair.State = (pair.State & DetectedBit) | 2;
        }
        Span<long> times = [pair.First, pair.Last];
        var count = pair.Count;
        var at = time == times[0] ? 0 : 1;
        var detectedCount = CheckInterest(times[..count], count == 1 ? 0 : at);
        if (detectedCount > 0)
        {
            pair.State = DetectedBit | (uint)detectedCount;
            if (detectedCount == 1)
                pair.Last = pair.First;
        }
    }

    /// <summary>Moves a pair's two inline times to an arena run.</summary>
    private void Spill(ref Pair pair)
    {
        var offset = _arena.Allocate(FirstRunCapacity);
        var run = _arena.Run(offset, InlineTimes);
        run[0] = pair.First;
        run[1] = pair.Last;
        pair.Offset = offset;
        pair.First = FirstRunCapacity;
    }

    /// <summary>Sets the count of a spilled pair; a pair that shrank to two times moves them back inline.</summary>
    private void SetSpilledCount(ref Pair pair, Span<long> times, int count)
    {
        var detected = pair.State & DetectedBit;
        if (count > InlineTimes)
        {
            pair.Last = times[count - 1];
            pair.State = detected | (uint)count;
            return;
        }
        var first = times[0];
        var last = times[count - 1];
        _arena.Free(pair.Offset, (int)pair.First);
        pair.Offset = 0;
        pair.First = first;
        pair.Last = last;
        pair.State = detected | (uint)count;
    }

    /// <summary>
    /// Looks for a detection among the windows of <c>_plays</c> consecutive times that include index
    /// <paramref name="at"/>; returns how many times remain stored after it, or 0 when there is none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CheckInterest(ReadOnlySpan<long> times, int at)
    {
        var last = Math.Min(at + _plays - 1, times.Length - 1);
        for (var i = Math.Max(at, _plays - 1); i <= last; i++)
        {
            if (times[i] - times[i - _plays + 1] > _within)
                continue;
            // The smallest such i gives the smallest t3; and it is below any earlier detection, since every stored time is.
            return SortedBounds.Upper(times, times[i]);
        }
        return 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ref Pair PairOf(long key)
    {
        var mask = _table.Length - 1;
        var i = Hash(key);
        while (true)
        {
            ref var pair = ref _table[i];
            if (pair.State == 0)
                break;
            if (pair.Key == key)
                return ref pair;
            i = (i + 1) & mask;
        }
        if ((Count + 1) * 4 > _table.Length * 3)
        {
            Grow(_table.Length * 2);
            return ref PairOf(key);
        }
        Count++;
        ref var added = ref _table[i];
        added = default;
        added.Key = key;
        return ref added;
    }

    // Fibonacci hashing of the packed key; the top bits index the table.
    private int Hash(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow(int size)
    {
        var old = _table;
        _table = ProbedTable.New<Pair>(size);
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        var mask = _table.Length - 1;
        foreach (ref var pair in old.AsSpan())
        {
            if (pair.State == 0)
                continue;
            var i = Hash(pair.Key);
            while (_table[i].State != 0)
                i = (i + 1) & mask;
            _table[i] = pair;
        }
    }
}
