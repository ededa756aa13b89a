using System.Text;
using Playstream.Core.Engine;

namespace Playstream.Core.Tests.Engine;

public sealed class SnapshotHeaderTests
{
    private static BinaryReader Written(Action<BinaryWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            write(writer);
        buffer.Position = 0;
        return new BinaryReader(buffer);
    }

    [Fact]
    public void A_header_reads_back_with_the_same_settings_and_gives_its_version()
    {
        using var reader = Written(w => SnapshotHeader.Write(w, AnalyticsSettings.Default));
        Assert.Equal(SnapshotHeader.Version, SnapshotHeader.Read(reader, AnalyticsSettings.Default));
        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
    }

    [Fact]
    public void Other_settings_are_refused_naming_the_setting_and_both_values()
    {
        using var reader = Written(w => SnapshotHeader.Write(w, AnalyticsSettings.Default with { TopN = 5 }));
        var e = Assert.Throws<SettingsException>(() => SnapshotHeader.Read(reader, AnalyticsSettings.Default));
        Assert.Equal("top-n: the snapshot was taken with 5 but the settings say 10", e.Message);
    }

    [Fact]
    public void Bytes_of_something_else_or_of_a_later_version_are_refused()
    {
        using (var reader = Written(w => { w.Write(0x12345678u); w.Write(2); }))
            Assert.Equal("not a Playstream analytics snapshot (bad magic)",
                Assert.Throws<InvalidDataException>(() => SnapshotHeader.Read(reader, AnalyticsSettings.Default)).Message);
        using (var reader = Written(w => { w.Write(0x4E415350u); w.Write(SnapshotHeader.Version + 1); }))
            Assert.Equal($"snapshot format version {SnapshotHeader.Version + 1} is not supported (this build reads {SnapshotHeader.Version})",
                Assert.Throws<InvalidDataException>(() => SnapshotHeader.Read(reader, AnalyticsSettings.Default)).Message);
    }

    [Fact]
    public void A_version_1_header_still_reads()
    {
        using var reader = Written(w =>
        {
            w.Write(0x4E415350u);
            w.Write(1);
            foreach (var value in new[] { 1800, 300, 108_000, 3600, 10, 3, 1800 })
                w.Write(value);
        });
        Assert.Equal(1, SnapshotHeader.Read(reader, AnalyticsSettings.Default));
    }
}
