namespace Playstream.TestSupport;

/// <summary>The analytics' parameters as the reference takes them, with the contract's defaults.</summary>
public sealed record ReferenceSettings(
    int ActivityWindowSeconds = 30 * 60,
    int ActivitySlideSeconds = 5 * 60,
    int TopTracksWindowSeconds = 30 * 60 * 60,
    int TopTracksSlideSeconds = 60 * 60,
    int TopN = 10,
    int InterestPlays = 3,
    int InterestWithinSeconds = 30 * 60);
