namespace Playstream.Elasticsearch.Tests;

public class RetryOptionsTests
{
    [Fact]
    public void Delay_doubles_from_the_initial_delay_up_to_the_cap()
    {
        var retry = new RetryOptions { InitialDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(3) };

        TimeSpan[] delays = [.. Enumerable.Range(1, 6).Select(retry.DelayBeforeRetry)];

        Assert.Equal(
            [500, 1000, 2000, 3000, 3000, 3000],
            delays.Select(d => d.TotalMilliseconds).ToArray());
    }

    [Fact]
    public void Delay_of_a_very_late_retry_is_the_cap_not_an_overflow()
    {
        var retry = new RetryOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromMinutes(1) };

        Assert.Equal(TimeSpan.FromMinutes(1), retry.DelayBeforeRetry(1000));
    }

    [Fact]
    public void Zero_attempts_are_refused()
    {
        var options = new ElasticsearchOptions { Retry = new RetryOptions { MaxAttempts = 0 } };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
