using Playstream.Core.Windows;

namespace Playstream.Core.Tests.Windows;

public class PaneMathTests
{
    [Theory]
    [InlineData(0, 300, 0)]
    [InlineData(299, 300, 0)]
    [InlineData(300, 300, 1)]
    [InlineData(-1, 300, -1)]
    [InlineData(-300, 300, -1)]
    [InlineData(-301, 300, -2)]
    public void PaneOf_is_floor_division(long time, int slide, long expected) =>
        Assert.Equal(expected, PaneMath.PaneOf(time, slide));

    [Fact]
    public void StartOf_is_the_first_second_of_the_pane() =>
        Assert.Equal(-600, PaneMath.StartOf(-2, 300));
}
