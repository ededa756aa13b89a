using Playstream.Core.Results;

namespace Playstream.Core.Streaming.State;

/// <summary>
/// The profile summary as sums that add up exactly across partitions: per share (morning,
/// afternoon, evening, night, mobile, unique) the sum over customers of the share in fixed
/// point, <c>floor(count * 2^64 / plays)</c> as a 128-bit integer, and how many customers
/// there are. Integer sums are the same in any order, so a customer's old share can be taken
/// out and its new one put in as its plays arrive, partitions' sums can be added, and the
/// means come out the same however the plays were split; each share is exact to 2^-64.
/// </summary>
public sealed class ProfileShareSums
{
    public const int Shares = 6;
    private readonly Int128[] _sums = new Int128[Shares];

    public long Customers { get; private set; }

    /// <summary>Adds (<paramref name="sign"/> 1) or takes out (-1) one customer's shares.</summary>
    /// <param name="counts">plays, morning, afternoon, evening, night, mobile plays (as <see cref="Operators.Profiles.ProfilesOperator"/> keeps them).</param>
    /// <param name="uniqueTracks">The customer's distinct tracks.</param>
    public void Add(ReadOnlySpan<long> counts, long uniqueTracks, int sign)
    {
        if (sign is not (1 or -1))
            throw new ArgumentOutOfRangeException(nameof(sign), sign, "1 or -1");
        var plays = counts[0];
        if (plays <= 0)
            return;
        for (var share = 0; share < Shares; share++)
        {
            var count = share < 5 ? counts[share + 1] : uniqueTracks;
            var term = (Int128)(((UInt128)(ulong)count << 64) / (ulong)plays);
            _sums[share] += sign * term;
        }
        Customers += sign;
    }

    public void Merge(ProfileShareSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var share = 0; share < Shares; share++)
            _sums[share] += other._sums[share];
        Customers += other.Customers;
    }

    public bool IsZero => Customers == 0 && _sums.All(s => s == 0);

    public ProfileSummary ToSummary()
    {
        if (Customers <= 0)
            return new ProfileSummary(0, 0, 0, 0, 0, 0, 0);
        double Mean(int share) => (double)_sums[share] / 18446744073709551616.0 / Customers;
        return new ProfileSummary(Customers, Mean(0), Mean(1), Mean(2), Mean(3), Mean(4), Mean(5));
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Customers);
        foreach (var sum in _sums)
        {
            writer.Write((ulong)(sum >> 64));
            writer.Write((ulong)sum);
        }
    }

    public static ProfileShareSums Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var sums = new ProfileShareSums { Customers = reader.ReadInt64() };
        for (var share = 0; share < Shares; share++)
        {
            var high = reader.ReadUInt64();
            var low = reader.ReadUInt64();
            sums._sums[share] = (Int128)new UInt128(high, low);
        }
        return sums;
    }
}
