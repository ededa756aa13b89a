namespace Playstream.Core.Engine;

/// <summary>
/// The start of a partition snapshot: a magic word, a format version and the settings the
/// state was built with. State built with other window sizes cannot be read as if it were
/// built with these, so a mismatch is refused with the differing setting named.
/// </summary>
internal static class SnapshotHeader
{
    private const uint Magic = 0x4E415350; // "PSAN" little-endian: Playstream analytics
    public const int Version = 1;

    public static void Write(BinaryWriter writer, AnalyticsSettings settings)
    {
        writer.Write(Magic);
        writer.Write(Version);
        foreach (var (_, value) in Fields(settings))
            writer.Write(value);
    }

    public static void Read(BinaryReader reader, AnalyticsSettings settings)
    {
        if (reader.ReadUInt32() != Magic)
            throw new InvalidDataException("not a Playstream analytics snapshot (bad magic)");
        var version = reader.ReadInt32();
        if (version != Version)
            throw new InvalidDataException($"snapshot format version {version} is not supported (this build reads {Version})");
        foreach (var (name, value) in Fields(settings))
        {
            var stored = reader.ReadInt32();
            if (stored != value)
                throw new SettingsException($"{name}: the snapshot was taken with {stored} but the settings say {value}");
        }
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
