namespace Playstream.Shipping.Tests;

public sealed class FileProgressTests
{
    [Theory]
    [InlineData(1000, 600, 400, 600)]
    [InlineData(1000, 1000, 1000, 0)]
    [InlineData(500, 800, 800, 0)] // truncated since: nothing is behind, never a negative count
    public void Behind_is_what_lies_between_the_acknowledged_position_and_the_end(long size, long read, long acknowledged, long behind) =>
        Assert.Equal(behind, new FileProgress("/logs/a.csv", size, read, acknowledged).Behind);
}
