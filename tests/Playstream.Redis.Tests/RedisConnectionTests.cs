namespace Playstream.Redis.Tests;

public class RedisConnectionTests
{
    [Fact]
    public void A_wrong_password_is_told_apart_from_a_server_that_is_down()
    {
        const string auth = "The message timed out in the backlog - Last Connection Exception: It was not possible to connect to the redis server(s) 127.0.0.1:6390/Interactive. There was an authentication failure; check that passwords are configured correctly: (RedisServerException) SimpleError: WRONGPASS invalid username-password pair";
        const string down = "The message timed out in the backlog - Last Connection Exception: UnableToConnect (0-read, 0-sent) on 127.0.0.1:6399/Interactive";
        Assert.Equal("authentication failed: check the password", RedisConnection.FailureReason(auth));
        Assert.Equal("no connection could be made", RedisConnection.FailureReason(down));
    }

    [Fact]
    public void A_connection_that_broke_is_told_apart_from_one_never_made()
    {
        // Shapes of the client's messages seen with the server killed mid-run: commands waiting for
        // a connection after it broke, and a command in flight when the socket closed.
        const string backlog = "The message timed out in the backlog attempting to send because no connection became available (5000ms) - Last Connection Exception: SocketClosed on 127.0.0.1:32891/Interactive, Idle/RanToCompletion, last: PING, origin: ReadAllAsync";
        const string inFlight = "SocketFailure (ReadSocketError/ConnectionReset, last-recv: 7) on 127.0.0.1:32891/Interactive, Idle/MarkProcessed, last: EXEC";
        const string noneYet = "The message timed out in the backlog attempting to send because no connection became available (5000ms)";
        Assert.Equal("the connection was lost", RedisConnection.FailureReason(backlog));
        Assert.Equal("the connection was lost", RedisConnection.FailureReason(inFlight));
        Assert.Equal("no connection could be made", RedisConnection.FailureReason(noneYet));
    }

    [Fact]
    public void Other_errors_keep_their_first_line()
    {
        Assert.Equal("LOADING Redis is loading", RedisConnection.FailureReason("LOADING Redis is loading\nmore detail"));
        Assert.Equal(203, RedisConnection.FailureReason(new string('x', 500)).Length);
    }

    [Fact]
    public async Task Waiting_for_a_server_that_is_not_there_reports_each_try_once_and_gives_up_when_the_time_is_out()
    {
        await using var nothing = await NothingListening.ConnectAsync();
        var tries = new List<(int Attempt, TimeSpan Wait, string Reason)>();

        var answered = await RedisConnection.WaitUntilReachableAsync(nothing, TimeSpan.FromSeconds(2), (attempt, wait, reason) => tries.Add((attempt, wait, reason)), CancellationToken.None);

        Assert.False(answered);
        Assert.NotEmpty(tries);
        Assert.Equal(Enumerable.Range(1, tries.Count), tries.Select(t => t.Attempt));
        Assert.All(tries, t => Assert.Equal("no connection could be made", t.Reason));
        // Each wait is the backoff's (1 s, 2 s ...), or zero for a try the time ran out in.
        Assert.All(tries, t => Assert.Contains(t.Wait, new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1 << (t.Attempt - 1)) }));
    }

    [Fact]
    public async Task No_time_to_wait_is_one_try_reported_with_no_wait()
    {
        await using var nothing = await NothingListening.ConnectAsync();
        var tries = new List<(int Attempt, TimeSpan Wait, string Reason)>();

        var answered = await RedisConnection.WaitUntilReachableAsync(nothing, TimeSpan.Zero, (attempt, wait, reason) => tries.Add((attempt, wait, reason)), CancellationToken.None);

        Assert.False(answered);
        Assert.Equal([(1, TimeSpan.Zero, "no connection could be made")], tries);
    }

    [Fact]
    public async Task A_stop_ends_the_waiting_for_a_server()
    {
        await using var nothing = await NothingListening.ConnectAsync();
        using var stop = new CancellationTokenSource();
        var tries = new List<TimeSpan>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RedisConnection.WaitUntilReachableAsync(
            nothing, TimeSpan.FromMinutes(5), (_, wait, _) =>
            {
                tries.Add(wait);
                stop.Cancel();
            }, stop.Token));

        Assert.Equal([TimeSpan.FromSeconds(1)], tries);
    }
}
