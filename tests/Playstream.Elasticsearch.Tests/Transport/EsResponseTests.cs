using System.Text;
using Playstream.Elasticsearch.Transport;

namespace Playstream.Elasticsearch.Tests.Transport;

public sealed class EsResponseTests
{
    [Theory]
    [InlineData(199, false)]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(299, true)]
    [InlineData(300, false)]
    [InlineData(404, false)]
    public void Only_2xx_is_a_success(int status, bool success) =>
        Assert.Equal(success, new EsResponse(status, [], new Uri("http://es.test/")).IsSuccess);

    [Fact]
    public void The_excerpt_is_the_whole_body_up_to_the_limit_and_its_start_beyond()
    {
        var body = Encoding.UTF8.GetBytes("0123456789");
        Assert.Equal("0123456789", new EsResponse(500, body, new Uri("http://es.test/")).BodyExcerpt(10));
        Assert.Equal("0123...", new EsResponse(500, body, new Uri("http://es.test/")).BodyExcerpt(4));
    }
}
