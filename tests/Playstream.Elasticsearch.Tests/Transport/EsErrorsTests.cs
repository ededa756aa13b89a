using System.Text;
using Playstream.Elasticsearch.Transport;

namespace Playstream.Elasticsearch.Tests.Transport;

public sealed class EsErrorsTests
{
    private static EsResponse Answer(int status, string body) => new(status, Encoding.UTF8.GetBytes(body), new Uri("http://es.test:9200/plays/_bulk"));

    [Theory]
    [InlineData("""{"error":{"type":"mapper_parsing_exception","reason":"failed to parse"},"status":400}""", "mapper_parsing_exception: failed to parse")]
    [InlineData("""{"error":"IndexMissingException[[plays] missing]","status":404}""", "IndexMissingException[[plays] missing]")] // 1.x: a plain string
    [InlineData("<html>502 Bad Gateway</html>", "<html>502 Bad Gateway</html>")] // a proxy's page
    [InlineData("""{"acknowledged":false}""", """{"acknowledged":false}""")]
    public void The_servers_words_are_shown_as_it_gave_them(string body, string described) =>
        Assert.Equal(described, EsErrors.Describe(Answer(400, body)));

    [Fact]
    public void A_long_body_is_cut_to_its_start() =>
        Assert.Equal(new string('x', 500) + "...", EsErrors.Describe(Answer(500, new string('x', 2000))));

    [Fact]
    public void A_refusal_names_the_server_the_status_and_the_operation()
    {
        var e = EsErrors.Refused("bulk indexing", Answer(429, """{"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}"""));
        Assert.Equal("elasticsearch at http://es.test:9200/plays/_bulk answered 429 to bulk indexing: es_rejected_execution_exception: queue full", e.Message);
        Assert.Equal(429, e.StatusCode);
    }

    [Theory]
    [InlineData(400, """{"error":{"type":"index_already_exists_exception","reason":"x"}}""", true)]
    [InlineData(400, """{"error":{"type":"resource_already_exists_exception","reason":"x"}}""", true)]
    [InlineData(400, """{"error":{"type":"mapper_parsing_exception","reason":"x"}}""", false)]
    [InlineData(409, """{"error":{"type":"resource_already_exists_exception","reason":"x"}}""", false)]
    public void Only_an_index_that_exists_already_is_told_apart(int status, string body, bool exists) =>
        Assert.Equal(exists, EsErrors.IsIndexAlreadyExists(Answer(status, body)));
}
