namespace Playstream.Core.Lookups;

/// <summary>
/// The two tables a play is enriched from. Embedded runs fill them from files; the Redis
/// connector fills them from its cache. Replacing a table is a reference swap, so readers
/// on the hot path never see a half-loaded table.
/// </summary>
public sealed class LookupTables
{
    public LookupTables(CustomerTable customers, TrackTable tracks)
    {
        Customers = customers;
        Tracks = tracks;
    }

    public CustomerTable Customers { get; set; }
    public TrackTable Tracks { get; set; }

    public static LookupTables Empty() => new(new CustomerTable(), new TrackTable());
}
