namespace Playstream.Core.Operators.Interests;

/// <summary>What a play changed in its (customer, track) pair.</summary>
[Flags]
public enum PairChange
{
    None = 0,

    /// <summary>The customer's first play of the track: a distinct track more.</summary>
    NewPair = 1,

    /// <summary>The pair's interest was detected, or is now detected earlier.</summary>
    DetectionChanged = 2,
}
