using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class ExistingLogTests
{
    [Theory]
    [InlineData("", 0L, false)]
    [InlineData("a\n", 1L, false)]
    [InlineData("a\nb\n", 2L, false)]
    [InlineData("a\nb", 2L, true)]
    [InlineData("a\r\n\nb\r\n", 3L, false)]
    public void Counts_lines_including_an_unfinished_last_one(string content, long lines, bool endsMidLine)
    {
        using var dir = new TempDirectory();
        var path = dir.File("log.csv");
        File.WriteAllText(path, content);
        Assert.Equal(new ExistingLog(lines, endsMidLine), ExistingLog.Inspect(path));
    }

    [Fact]
    public void A_missing_file_is_empty()
    {
        using var dir = new TempDirectory();
        Assert.Equal(new ExistingLog(0, false), ExistingLog.Inspect(dir.File("none.csv")));
    }

    [Fact]
    public void Counts_across_read_buffers()
    {
        using var dir = new TempDirectory();
        var path = dir.File("big.csv");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("0,1,2,\"2014-10-01 00:00:00\",0,\"12345\"\n", 5000)));
        Assert.Equal(new ExistingLog(5000, false), ExistingLog.Inspect(path));
    }
}
