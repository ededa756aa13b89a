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
}
