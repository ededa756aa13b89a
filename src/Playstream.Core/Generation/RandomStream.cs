namespace Playstream.Core.Generation;

/// <summary>The independent random streams one seed is split into.</summary>
internal enum RandomStream
{
    CustomerModel,
    CustomerDetails,
    TrackModel,
    TrackCatalog,
    Calendar,
    Seconds,
    Plays,
    Favourites,
    Live,
    Damage,
    Shuffle,
}
