using System.Text;
using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class ReplayedLiveLinesTests
{
    [Theory]
    [InlineData("0,48,453,\"2014-10-23 03:26:20\",0,\"72132\"", 9, 30)]
    [InlineData("1,2,3,x,0,\"1\"", 6, 7)]
    [InlineData("1,2,3,,0", 6, 6)]
    public void TimeField_is_between_the_third_and_fourth_comma(string line, int start, int end)
    {
        Assert.Equal((start, end), ReplayedLiveLines.TimeField(Encoding.UTF8.GetBytes(line)));
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("1,2,3,\"2014-10-23 03:26:20\"")]
    [InlineData("")]
    public void TimeField_is_missing_without_a_fourth_comma(string line)
    {
        Assert.Null(ReplayedLiveLines.TimeField(Encoding.UTF8.GetBytes(line)));
    }
}
