namespace Playstream.Core.Results;

/// <summary>A customer's listening over all time.</summary>
public sealed record CustomerProfile(
    int CustomerId, long Plays, long Morning, long Afternoon, long Evening, long Night, long MobilePlays, long UniqueTracks);
