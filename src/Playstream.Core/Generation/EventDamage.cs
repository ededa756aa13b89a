using System.Text;

namespace Playstream.Core.Generation;

/// <summary>
/// Makes a generated log look like a real one that went through a few hands: some plays name
/// a customer or a track the lookup files do not have, and some lines are broken in the ways
/// logs break (a field missing, a letter in an id, an impossible date, an unclosed quote). A
/// broken line takes the place of a play, so the file keeps its line count. Drawn from its own
/// random stream: without damage the log is byte for byte what it was.
/// </summary>
internal sealed class EventDamage
{
    // One of each kind a reader must tell apart; a broken line is rare, so formatting it may allocate.
    private static readonly string[] BrokenLines =
    [
        "{0},{1},{2}\n",                                      // field_count
        "{0},x{1},{2},\"2014-10-01 00:00:00\",0,\"00000\"\n", // bad_customer_id
        "{0},{1},{2},\"2014-13-45 25:00:00\",0,\"00000\"\n",  // bad_datetime
        "{0},{1},{2},\"2014-10-01 00:00:00\",2,\"00000\"\n",  // bad_ismobile
        "{0},{1},{2},\"2014-10-01 00:00:00,0,\"00000\"\n",   // bad_quoting
    ];

    private readonly uint _unknownThreshold;
    private readonly uint _brokenThreshold;
    private readonly int _customers;
    private readonly int _tracks;
    private Xoshiro256StarStar _rng;

    public EventDamage(GeneratorOptions options)
    {
        _unknownThreshold = Xoshiro256StarStar.Threshold(options.UnknownIds);
        _brokenThreshold = Xoshiro256StarStar.Threshold(options.UnknownIds + options.BadLines);
        _customers = options.Customers;
        _tracks = options.Tracks;
        _rng = new Xoshiro256StarStar(SplitMix64.Derive(options.Seed, RandomStream.Damage));
    }

    public static bool Applies(GeneratorOptions options) => options.BadLines > 0 || options.UnknownIds > 0;

    /// <summary>What happens to the next play: left as it is, given an unknown id, or replaced by a broken line.</summary>
    public DamageKind Next(ref int customer, ref int track)
    {
        var roll = (uint)(_rng.NextUInt64() >> 32);
        if (roll < _unknownThreshold)
        {
            // Ids just past the files' ranges: unknown, yet as plausible as the known ones.
            if (_rng.NextInt(2) == 0)
                customer = _customers + _rng.NextInt(_customers);
            else
                track = _tracks + _rng.NextInt(_tracks);
            return DamageKind.UnknownId;
        }
        return roll < _brokenThreshold ? DamageKind.Broken : DamageKind.None;
    }

    /// <summary>Writes a broken line for the play into <paramref name="destination"/>; returns its length.</summary>
    public int FormatBroken(Span<byte> destination, long eventId, int customer, int track)
    {
        var template = BrokenLines[_rng.NextInt(BrokenLines.Length)];
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, eventId, customer, track);
        return Encoding.ASCII.GetBytes(text, destination);
    }
}
