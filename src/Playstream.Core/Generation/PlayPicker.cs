namespace Playstream.Core.Generation;

/// <summary>
/// Decides who plays what, one play at a time, in time order. Most plays are fresh draws: a
/// listener by appetite, then a track by that listener's gender taste, sometimes one of the
/// listener's own favourites. Some fresh plays start a repeat session: the same customer plays
/// the same track again a few minutes later, once to three times, which is what makes
/// "interests" (3 plays within 30 minutes) appear regularly.
/// </summary>
internal sealed class PlayPicker
{
    /// <summary>Chance that a fresh play starts a repeat session.</summary>
    public const double SessionChance = 0.02;
    /// <summary>Bounds of the gap between plays of a session, seconds (about one song).</summary>
    public const int MinRepeatGap = 150, MaxRepeatGap = 480;
    /// <summary>Chance that a fresh play is one of the listener's favourites.</summary>
    public const double FavouriteChance = 0.3;
    public const int FavouritesPerCustomer = 8;

    private static readonly uint SessionThreshold = Xoshiro256StarStar.Threshold(SessionChance);
    private static readonly uint FavouriteThreshold = Xoshiro256StarStar.Threshold(FavouriteChance);
    private static readonly uint AwayOnMobile = Xoshiro256StarStar.Threshold(0.15);
    private static readonly uint AwayAtDesk = Xoshiro256StarStar.Threshold(0.03);

    private readonly CustomerModel _customers;
    private readonly TrackPopularity _tracks;
    private readonly ulong _favouriteSeed;
    // Priorities are unique (time, then arrival) so that any correct heap pops in one order.
    private readonly PriorityQueue<GeneratedPlay, long> _pending = new();
    private Xoshiro256StarStar _rng;
    private long _sequence;

    public PlayPicker(CustomerModel customers, TrackPopularity tracks, long seed, ulong streamSeed)
    {
        _customers = customers;
        _tracks = tracks;
        _favouriteSeed = SplitMix64.Derive(seed, RandomStream.Favourites);
        _rng = new Xoshiro256StarStar(streamSeed);
    }

    /// <summary>Repeats scheduled and not yet played.</summary>
    public int PendingRepeats => _pending.Count;

    /// <summary>
    /// The play for the next time slot <paramref name="slot"/> (seconds). A repeat due by then takes
    /// the slot and keeps its own time; otherwise a fresh play happens at the slot. Times returned
    /// never decrease as long as slots do not.
    /// </summary>
    public GeneratedPlay Next(long slot, out long time)
    {
        if (_pending.TryPeek(out var due, out var key) && key >> SequenceBits <= slot)
        {
            _pending.Dequeue();
            time = key >> SequenceBits;
            return due;
        }
        time = slot;
        var play = Fresh();
        if (_rng.Below(SessionThreshold))
            ScheduleSession(play, slot);
        return play;
    }

    private const int SequenceBits = 20;

    private GeneratedPlay Fresh()
    {
        var customer = _customers.SampleListener(_rng.NextUInt64());
        var gender = _customers.Gender(customer);
        int track;
        if (_rng.Below(FavouriteThreshold))
        {
            // A favourite is a fixed draw from the listener's taste, made from a hash so it costs no memory.
            var which = (ulong)_rng.NextInt(FavouritesPerCustomer);
            var bits = SplitMix64.Mix(_favouriteSeed ^ SplitMix64.Mix(((ulong)customer << 8) | which));
            track = _tracks.Sample(gender, bits);
        }
        else
        {
            track = _tracks.Sample(gender, _rng.NextUInt64());
        }
        var mobile = _rng.Below(_customers.MobileThreshold(customer));
        var zip = _customers.Zip(customer);
        if (_rng.Below(mobile ? AwayOnMobile : AwayAtDesk))
            zip = _customers.Zip(_rng.NextInt(_customers.Count));   // listening while travelling
        return new GeneratedPlay(customer, track, zip, mobile);
    }

    private void ScheduleSession(GeneratedPlay play, long start)
    {
        // 1 more play (40 %), 2 more (45 %) or 3 more (15 %): 2 or 3 more make an interest.
        var roll = _rng.NextInt(100);
        var repeats = roll < 40 ? 1 : roll < 85 ? 2 : 3;
        var at = start;
        for (var i = 0; i < repeats; i++)
        {
            at += _rng.NextInt(MinRepeatGap, MaxRepeatGap + 1);
            _pending.Enqueue(play, (at << SequenceBits) | (_sequence++ & ((1L << SequenceBits) - 1)));
        }
    }
}
