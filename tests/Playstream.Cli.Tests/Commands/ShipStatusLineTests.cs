using Playstream.Cli.Commands;

namespace Playstream.Cli.Tests.Commands;

public sealed class ShipStatusLineTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1024, "1.0 KiB")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(1024 * 1024 - 1, "1024.0 KiB")]
    [InlineData(5L * 1024 * 1024, "5.0 MiB")]
    [InlineData(3L * 1024 * 1024 * 1024 / 2, "1.50 GiB")]
    public void Byte_counts_are_shown_in_the_largest_unit_below_them(long bytes, string text) =>
        Assert.Equal(text, ShipStatusLine.Bytes(bytes));
}
