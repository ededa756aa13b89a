using System.Net;
using Playstream.Elasticsearch.Tests.Transport;
using Playstream.TestSupport;

namespace Playstream.Elasticsearch.Tests;

/// <summary>The retry settings, seen in the waits and attempts of a client whose node never answers.</summary>
public class RetryOptionsTests
{
    private readonly InstantTimeProvider _time = new();

    private static ScriptedHandler Refusing(int times)
    {
        var handler = new ScriptedHandler();
        for (var i = 0; i < times; i++)
            handler.Refuse();
        return handler;
    }

    private ElasticsearchClient Client(ScriptedHandler handler, RetryOptions retry) =>
        TestClients.Create(handler, TestClients.Options() with { Retry = retry }, _time);

    [Fact]
    public async Task Waits_double_from_the_initial_delay_up_to_the_cap_for_the_attempts_set()
    {
        var handler = Refusing(7);
        using var client = Client(handler, new RetryOptions { MaxAttempts = 7, InitialDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(3) });

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => client.GetServerInfoAsync());

        Assert.Equal(7, handler.Requests.Count);
        Assert.Equal(new double[] { 500, 1000, 2000, 3000, 3000, 3000 }, _time.Waits.Select(w => w.TotalMilliseconds));
        Assert.Contains("unreachable after 7 attempts (server info): Connection refused", error.Message);
    }

    [Fact]
    public async Task The_defaults_try_six_times_from_half_a_second()
    {
        var handler = Refusing(6);
        using var client = Client(handler, new RetryOptions());

        await Assert.ThrowsAsync<ElasticsearchException>(() => client.GetServerInfoAsync());

        Assert.Equal(new double[] { 0.5, 1, 2, 4, 8 }, _time.Waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task One_attempt_is_no_retry()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.ServiceUnavailable, "busy");
        using var client = Client(handler, new RetryOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => client.GetServerInfoAsync());

        Assert.Equal(503, error.StatusCode);
        Assert.Single(handler.Requests);
        Assert.Empty(_time.Waits);
    }

    [Theory]
    [InlineData(0, 500, 1000)]
    [InlineData(3, -1, 1000)]
    [InlineData(3, 2000, 1000)]
    public void Settings_that_cannot_work_are_refused(int attempts, int initialMs, int maxMs)
    {
        var options = new ElasticsearchOptions
        {
            Retry = new RetryOptions { MaxAttempts = attempts, InitialDelay = TimeSpan.FromMilliseconds(initialMs), MaxDelay = TimeSpan.FromMilliseconds(maxMs) },
        };

        Assert.Throws<ArgumentException>(options.Validate);
    }
}
