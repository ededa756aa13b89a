using Playstream.Processor;
using StackExchange.Redis;

namespace Playstream.Processor.Tests;

public sealed class FailureReasonTests
{
    [Fact]
    public void Any_other_failure_keeps_its_first_line() =>
        Assert.Equal("index refused", FailureReason.Of(new InvalidOperationException("index refused\r\nat line 2\nat line 3")));

    [Fact]
    public void A_redis_failure_is_cut_to_its_cause_and_names_redis()
    {
        // The client's message: the cause, then its whole connection state on one line.
        var message = "No connection is active/available to service this operation: HSET playstream:x; It was not possible to connect to the redis server(s). "
            + "ConnectTimeout, inst: 0, qu: 0, qs: 0, aw: False, bw: Inactive, rs: NotStarted, ws: Initializing, in: 0, last-in: 0, cur-in: 0, sync-ops: 1, async-ops: 0, "
            + string.Concat(Enumerable.Repeat("serverEndpoint: 127.0.0.1:6379, mc: 1/1/0, mgr: 10 of 10 available, clientName: x, ", 10));
        var reason = FailureReason.Of(new RedisException(message));

        Assert.StartsWith("redis: ", reason, StringComparison.Ordinal);
        Assert.True(reason.Length < 200, reason);
        Assert.DoesNotContain("serverEndpoint", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_failure_is_a_bug() => Assert.Throws<ArgumentNullException>(() => FailureReason.Of(null!));
}
