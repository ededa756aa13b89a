namespace Playstream.Core.Engine;

/// <summary>
/// The start of a partition snapshot: a magic word, a format version and the settings the
/// state was built with. State built with other window sizes cannot be read as if it were
/// built with these, so a mismatch is refused with the differing setting named.
/// </summary>
internal static class SnapshotHeader
{
    private const uint Magic = 0x4E415350; // "PSAN" little-endian: Playstream analytics
    // 2 added the eviction horizon after the counters; version 1 snapshots still read (no horizon).
    public const int Version = 2;

    public static void Write(BinaryWriter writer, AnalyticsSettings settings)
    {
        writer.Write(Magic);
        writer.Write(Version);
        foreach (var (_, value) in Fields(settings))
            writer.Write(value);
    }

    /// <summary>Checks the header against the settings; returns the snapshot's format version.</summary>
    public static int Read(BinaryReader reader, AnalyticsSettings settings)
    {
        if (reader.ReadUInt32() != Magic)
            throw new InvalidDataException("not a Playstream analytics snapshot (bad magic)");
        var version = reader.ReadInt32();
        if (version is < 1 or > Version)
            throw new InvalidDataException($"snapshot format version {version} is not supported (this build reads {Version})");
        foreach (var (name, value) in Fields(settings))
        {
            var stored = reader.ReadInt32();
            if (stored != value)
                throw new SettingsException($"{name}: the snapshot was taken with {stored} but the settings say {value}");
        }
        return version;
    }

    private static (string Name, int Value)[] Fields(AnalyticsSettings s) =>
    [
        ("activity-window", s.ActivityWindowSeconds),
        ("activity-slide", s.ActivitySlideSeconds),
        ("top-tracks-window", s.TopTracksWindowSeconds),
        ("top-tracks-slide", s.TopTracksSlideSeconds),
        ("top-n", s.TopN),
        ("interest-plays", s.InterestPlays),
        ("interest-within", s.InterestWithinSeconds),
    ];
}
