namespace Playstream.Redis.Tests;

public class RedisOptionsTests
{
    [Fact]
    public void Defaults_are_the_local_server_and_the_playstream_prefix()
    {
        var options = new RedisOptions();
        Assert.Equal("127.0.0.1:6379", options.Endpoint);
        Assert.Equal("playstream:", options.KeyPrefix);
        Assert.Null(options.Password);
        Assert.False(options.UseTls);
    }

    [Fact]
    public void ToString_never_shows_the_password()
    {
        var options = new RedisOptions { Endpoint = "redis.example:6380", Password = "s3cret-pw" };
        var text = options.ToString();
        Assert.DoesNotContain("s3cret-pw", text);
        Assert.Contains("redis.example:6380", text);
        Assert.Contains("***", text);
    }

    [Fact]
    public void A_password_inside_a_configuration_string_is_hidden_too()
    {
        var options = new RedisOptions { Endpoint = "localhost:6379,password=hunter2,ssl=false" };
        Assert.DoesNotContain("hunter2", options.ToString());
        Assert.DoesNotContain("hunter2", options.Describe());
        Assert.Contains("ssl=false", options.Describe());
    }

    [Fact]
    public void Configuration_retries_a_server_that_is_down_instead_of_failing()
    {
        var config = new RedisOptions { Endpoint = "10.0.0.5:6390", Password = "pw", UseTls = true, ConnectTimeout = TimeSpan.FromSeconds(2) }
            .ToConfigurationOptions();
        Assert.False(config.AbortOnConnectFail);
        Assert.Equal("pw", config.Password);
        Assert.True(config.Ssl);
        Assert.Equal(2000, config.ConnectTimeout);
        var endpoint = Assert.Single(config.EndPoints);
        Assert.Equal("10.0.0.5:6390", endpoint.ToString());
    }

    [Fact]
    public void A_lost_connection_is_retried_a_second_apart_at_first_and_never_more_than_5_seconds_apart()
    {
        var policy = new RedisOptions().ToConfigurationOptions().ReconnectRetryPolicy;
        Assert.NotNull(policy);
        // Not before the first interval, whatever the count; always once the longest has passed.
        Assert.False(policy.ShouldRetry(0, 999));
        Assert.False(policy.ShouldRetry(100, 999));
        Assert.True(policy.ShouldRetry(100, 5000));
        Assert.True(policy.ShouldRetry(1_000_000, 5000));
    }

    [Fact]
    public void The_configuration_text_it_gives_leaves_the_password_out()
    {
        var config = new RedisOptions { Password = "pw-123" }.ToConfigurationOptions();
        Assert.DoesNotContain("pw-123", config.ToString(includePassword: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_endpoint_is_refused(string endpoint)
    {
        var e = Assert.Throws<ArgumentException>(() => new RedisOptions { Endpoint = endpoint }.Validate());
        Assert.Contains("endpoint", e.Message);
    }

    [Fact]
    public void A_configuration_string_with_no_host_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RedisOptions { Endpoint = "password=x" }.Validate());

    [Fact]
    public void A_zero_connect_timeout_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RedisOptions { ConnectTimeout = TimeSpan.Zero }.Validate());

    [Fact]
    public void A_prefix_with_spaces_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RedisOptions { KeyPrefix = "play stream:" }.Validate());

    [Fact]
    public void Keys_follow_the_prefix() =>
        Assert.Equal("x:customer:3", new RedisOptions { KeyPrefix = "x:" }.Keys.Customer(3));
}
