using Playstream.Core.Lookups;

namespace Playstream.Redis.Tests;

/// <summary>The refresh loop with Redis away (its reloads against a server are in the integration tests).</summary>
public class RedisLookupCacheTests
{
    [Fact]
    public async Task While_Redis_is_away_the_loop_says_so_with_waits_that_double_and_stops_when_asked()
    {
        await using var nothing = await NothingListening.ConnectAsync();
        var cache = new RedisLookupCache(nothing, new RedisKeys(), LookupTables.Empty(), refreshInterval: TimeSpan.FromMilliseconds(100));
        var reports = new List<string>();
        var two = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Report += (_, message) =>
        {
            lock (reports)
            {
                reports.Add(message);
                if (reports.Count == 2)
                    two.TrySetResult();
            }
        };
        using var stop = new CancellationTokenSource();

        var loop = cache.RunAsync(stop.Token);
        await two.Task.WaitAsync(TimeSpan.FromMinutes(1));
        stop.Cancel();
        await loop.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(loop.IsCompletedSuccessfully);
        lock (reports)
        {
            Assert.StartsWith("cannot refresh lookups from Redis (no connection could be made); no tables loaded yet; retry in 1 s", reports[0]);
            Assert.StartsWith("cannot refresh lookups from Redis (no connection could be made); no tables loaded yet; retry in 2 s", reports[1]);
        }
    }
}
