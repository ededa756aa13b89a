namespace Playstream.Elasticsearch.Tests;

public class RetryNoticeTests
{
    private static readonly Uri Node = new("http://127.0.0.1:9200/");

    [Fact]
    public void Says_unreachable_when_there_was_no_answer()
    {
        var notice = new RetryNotice("bulk", Node, 2, 6, TimeSpan.FromSeconds(2), null, "Connection refused");

        Assert.Equal(
            "elasticsearch unreachable at http://127.0.0.1:9200/ (Connection refused), retrying in 2s (attempt 2 of 6)",
            notice.ToString());
    }

    [Fact]
    public void Names_the_status_when_the_server_answered()
    {
        var notice = new RetryNotice("bulk", Node, 3, 6, TimeSpan.FromMilliseconds(1500), 429, "Too Many Requests");

        Assert.Equal(
            "elasticsearch answered 429 to bulk (Too Many Requests), retrying in 1500ms (attempt 3 of 6)",
            notice.ToString());
    }
}
