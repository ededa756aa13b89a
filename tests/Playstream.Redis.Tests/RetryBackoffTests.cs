namespace Playstream.Redis.Tests;

public class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void Doubles_from_one_second_up_to_the_cap(int attempt, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.Delay(attempt));

    [Fact]
    public void A_smaller_cap_is_kept() =>
        Assert.Equal(TimeSpan.FromSeconds(3), RetryBackoff.Delay(4, TimeSpan.FromSeconds(3)));

    [Fact]
    public void No_wait_before_the_first_try() =>
        Assert.Equal(TimeSpan.Zero, RetryBackoff.Delay(0));
}
