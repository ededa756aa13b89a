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
    public void Other_errors_keep_their_first_line()
    {
        Assert.Equal("LOADING Redis is loading", RedisConnection.FailureReason("LOADING Redis is loading\nmore detail"));
        Assert.Equal(203, RedisConnection.FailureReason(new string('x', 500)).Length);
    }
}
