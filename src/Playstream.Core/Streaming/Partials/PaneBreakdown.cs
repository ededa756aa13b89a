using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Core.Streaming.Partials;

/// <summary>
/// One activity pane's plays by gender slot, membership level and age band. The three sets of
/// counts share one array (levels, then age bands, then gender slots): a flush makes one of
/// these for most panes of its partition and an owner reads one per pane of every partial, so
/// one allocation a pane instead of three (the largest share of a member's garbage before).
/// </summary>
public sealed class PaneBreakdown
{
    private const int LevelsAt = 0;
    private const int AgesAt = CustomerTraits.LevelSlots;
    private const int GendersAt = AgesAt + CustomerTraits.AgeSlots;

    private long[] _counts = new long[GendersAt + Math.Max(4, GenderCodes.Count)];

    public Span<long> Genders => _counts.AsSpan(GendersAt);
    public Span<long> Levels => _counts.AsSpan(LevelsAt, CustomerTraits.LevelSlots);
    public Span<long> Ages => _counts.AsSpan(AgesAt, CustomerTraits.AgeSlots);

    public void Add(byte gender, byte traits) => Add(gender, CustomerTraits.LevelSlot(traits), CustomerTraits.AgeSlot(traits), 1);

    public void Add(int gender, int level, int age, long plays)
    {
        AddGender(gender, plays);
        _counts[LevelsAt + level] += plays;
        _counts[AgesAt + age] += plays;
    }

    /// <summary>Adds plays to one gender slot (of this process), growing the slots when it is beyond them.</summary>
    public void AddGender(int gender, long plays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gender);
        if (GendersAt + gender >= _counts.Length)
            Array.Resize(ref _counts, GendersAt + Math.Max(gender + 1, 2 * (_counts.Length - GendersAt)));
        _counts[GendersAt + gender] += plays;
    }

    /// <summary>Adds another pane's counts (its gender slots are this process's).</summary>
    public void Merge(PaneBreakdown other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var genders = other.Genders;
        for (var g = 0; g < genders.Length; g++)
            if (genders[g] != 0)
                AddGender(g, genders[g]);
        for (var i = 0; i < GendersAt; i++)
            _counts[i] += other._counts[i];
    }
}
