using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Core.Streaming.Partials;

/// <summary>One activity pane's plays by gender slot, membership level and age band.</summary>
public sealed class PaneBreakdown
{
    public long[] Genders { get; private set; } = new long[Math.Max(4, GenderCodes.Count)];
    public long[] Levels { get; } = new long[CustomerTraits.LevelSlots];
    public long[] Ages { get; } = new long[CustomerTraits.AgeSlots];

    public void Add(byte gender, byte traits) => Add(gender, CustomerTraits.LevelSlot(traits), CustomerTraits.AgeSlot(traits), 1);

    public void Add(int gender, int level, int age, long plays)
    {
        if (gender >= Genders.Length)
        {
            var grown = Genders;
            Array.Resize(ref grown, Math.Max(gender + 1, Genders.Length * 2));
            Genders = grown;
        }
        Genders[gender] += plays;
        Levels[level] += plays;
        Ages[age] += plays;
    }

    /// <summary>Sets the counts read from a partial (genders as this process's slots).</summary>
    internal void SetAll(IEnumerable<(byte Slot, long Plays)> genders, long[] levels, long[] ages)
    {
        foreach (var (slot, plays) in genders)
        {
            if (slot >= Genders.Length)
            {
                var grown = Genders;
                Array.Resize(ref grown, slot + 1);
                Genders = grown;
            }
            Genders[slot] += plays;
        }
        levels.CopyTo(Levels, 0);
        ages.CopyTo(Ages, 0);
    }

    /// <summary>Adds another pane's counts (its gender slots are this process's).</summary>
    public void Merge(PaneBreakdown other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var g = 0; g < other.Genders.Length; g++)
            if (other.Genders[g] != 0)
            {
                if (g >= Genders.Length)
                {
                    var grown = Genders;
                    Array.Resize(ref grown, g + 1);
                    Genders = grown;
                }
                Genders[g] += other.Genders[g];
            }
        for (var l = 0; l < Levels.Length; l++)
            Levels[l] += other.Levels[l];
        for (var a = 0; a < Ages.Length; a++)
            Ages[a] += other.Ages[a];
    }
}
