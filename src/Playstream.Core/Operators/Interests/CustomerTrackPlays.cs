namespace Playstream.Core.Operators.Interests;

/// <summary>
/// Every (customer, track) pair that was played, with the pair's play times, in one
/// open-addressing table keyed by customer and track packed into a long. It answers two
/// analytics: the distinct tracks of each customer (the pairs) and interests (the times).
/// <para>
/// Times of a pair are kept sorted in a <see cref="TimeArena"/> run, and the interest rule is
/// checked on each insert around the new time only. Once a pair is detected at D, no later
/// time can give an earlier detection, so times after D are dropped and later plays are not
/// stored: memory stays bounded for heavy pairs and the result is exact in any event order.
/// </para>
/// </summary>
internal sealed class CustomerTrackPlays
{
    private const int FirstCapacity = 2;

    private struct Pair
    {
        public long Key;
        public int Offset;
        public int Count;
        public int Capacity; // 0 marks an empty table slot
        public bool Detected; // when set, the detection time is the last stored time
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

    public void Merge(CustomerTrackPlays other)
    {
        foreach (ref var pair in other._table.AsSpan())
        {
            if (pair.Capacity == 0)
                continue;
            // Look the pair up once, then insert the times; the arena may move, but the ref into our table stays valid
            // because inserting times never grows the table.
            ref var mine = ref PairOf(pair.Key);
            foreach (var time in other._arena.Run(pair.Offset, pair.Count))
                Insert(ref mine, time);
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Count);
        foreach (ref var pair in _table.AsSpan())
        {
            if (pair.Capacity == 0)
                continue;
            writer.Write(pair.Key);
            writer.Write(pair.Count);
            foreach (var time in _arena.Run(pair.Offset, pair.Count))
                writer.Write(time);
        }
    }

    public void Read(BinaryReader reader)
    {
        var pairs = reader.ReadInt32();
        for (var i = 0; i < pairs; i++)
        {
            ref var pair = ref PairOf(reader.ReadInt64());
            var times = reader.ReadInt32();
            for (var t = 0; t < times; t++)
                Insert(ref pair, reader.ReadInt64());
        }
    }

    /// <summary>Calls <paramref name="visit"/> with each pair's customer, track and detection time (or null).</summary>
    public void ForEach(Action<int, int, long?> visit)
    {
        foreach (ref var pair in _table.AsSpan())
        {
            if (pair.Capacity == 0)
                continue;
            long? detected = pair.Detected ? _arena.Run(pair.Offset, pair.Count)[^1] : null;
            visit((int)(pair.Key >> 32), (int)pair.Key, detected);
        }
    }

    private static long Pack(int customerId, int trackId) => ((long)customerId << 32) | (uint)trackId;

    private void Insert(ref Pair pair, long time)
    {
        var times = _arena.Run(pair.Offset, pair.Count);
        if (pair.Detected && time >= times[^1])
            return;
        if (pair.Count == pair.Capacity)
        {
            pair.Offset = _arena.Grow(pair.Offset, pair.Count, pair.Capacity);
            pair.Capacity *= 2;
        }
        times = _arena.Run(pair.Offset, pair.Count + 1);
        // Plays mostly arrive in time order, so look for the place from the end.
        var at = pair.Count;
        if (at > 16)
            at = UpperBound(times[..pair.Count], time);
        else
            while (at > 0 && times[at - 1] > time)
                at--;
        times[at..pair.Count].CopyTo(times[(at + 1)..]);
        times[at] = time;
        pair.Count++;
        CheckInterest(ref pair, times, at);
    }

    /// <summary>Looks for a detection among the windows of <c>_plays</c> consecutive times that include index <paramref name="at"/>.</summary>
    private void CheckInterest(ref Pair pair, Span<long> times, int at)
    {
        var last = Math.Min(at + _plays - 1, pair.Count - 1);
        for (var i = Math.Max(at, _plays - 1); i <= last; i++)
        {
            if (times[i] - times[i - _plays + 1] > _within)
                continue;
            // The smallest such i gives the smallest t3; and it is below any earlier detection, since every stored time is.
            pair.Count = UpperBound(times[..pair.Count], times[i]);
            pair.Detected = true;
            return;
        }
    }

    private static int UpperBound(ReadOnlySpan<long> sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private ref Pair PairOf(long key)
    {
        var mask = _table.Length - 1;
        var i = Hash(key);
        while (true)
        {
            ref var pair = ref _table[i];
            if (pair.Capacity == 0)
                break;
            if (pair.Key == key)
                return ref pair;
            i = (i + 1) & mask;
        }
        if ((Count + 1) * 4 > _table.Length * 3)
        {
            Grow();
            return ref PairOf(key);
        }
        Count++;
        ref var added = ref _table[i];
        added.Key = key;
        added.Capacity = FirstCapacity;
        added.Offset = _arena.Allocate(FirstCapacity);
        added.Count = 0;
        added.Detected = false;
        return ref added;
    }

    // Fibonacci hashing of the packed key; the top bits index the table.
    private int Hash(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> _shift);

    private void Grow()
    {
        var old = _table;
        _table = new Pair[old.Length * 2];
        _shift--;
        var mask = _table.Length - 1;
        foreach (ref var pair in old.AsSpan())
        {
            if (pair.Capacity == 0)
                continue;
            var i = Hash(pair.Key);
            while (_table[i].Capacity != 0)
                i = (i + 1) & mask;
            _table[i] = pair;
        }
    }
}
