namespace Playstream.Core.Generation;

/// <summary>
/// Everything that decides who listens to what, built from the counts and the seed alone. The
/// batch generator and the live writer build it the same way, so a live log written later
/// matches the customer and track files generated with the same seed.
/// </summary>
internal sealed class ListeningModel(CustomerModel customers, TrackPopularity tracks, long seed)
{
    public CustomerModel Customers { get; } = customers;
    public TrackPopularity Tracks { get; } = tracks;
    public long Seed { get; } = seed;

    public static ListeningModel Create(int customers, int tracks, long seed) =>
        new(CustomerModel.Create(customers, seed), TrackPopularity.Create(tracks, seed), seed);

    /// <summary>A picker of plays drawing from its own random stream.</summary>
    public PlayPicker CreatePicker(ulong streamSeed) => new(Customers, Tracks, Seed, streamSeed);
}
