using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Tests.Bulk;

public sealed class BulkItemFailureTests
{
    [Theory]
    [InlineData(429, true)]  // too many requests: the server's queue was full
    [InlineData(503, true)]  // unavailable: a shard not ready yet
    [InlineData(400, false)] // the document itself is refused: sending it again cannot help
    [InlineData(409, false)]
    [InlineData(500, false)]
    public void Only_load_and_unavailability_are_worth_sending_again(int status, bool retryable) =>
        Assert.Equal(retryable, new BulkItemFailure("p-0-1", status, "e", "r").IsRetryable);
}
