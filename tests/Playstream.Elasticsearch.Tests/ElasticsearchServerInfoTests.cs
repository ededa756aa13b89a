using System.Text;

namespace Playstream.Elasticsearch.Tests;

public class ElasticsearchServerInfoTests
{
    [Fact]
    public void Reads_elasticsearch_2()
    {
        var info = Parse("""{"name":"playstream","version":{"number":"2.4.1","build_hash":"c67dc32","lucene_version":"5.5.2"},"tagline":"You Know, for Search"}""");

        Assert.Equal(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "2.4.1", 2), info);
    }

    [Fact]
    public void Reads_elasticsearch_8()
    {
        var info = Parse("""{"name":"n","version":{"number":"8.15.0","build_flavor":"default","build_type":"docker"}}""");

        Assert.Equal(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "8.15.0", 8), info);
    }

    [Fact]
    public void Reads_opensearch_from_its_distribution_field()
    {
        var info = Parse("""{"name":"n","version":{"distribution":"opensearch","number":"2.11.1"},"tagline":"The OpenSearch Project"}""");

        Assert.Equal(new ElasticsearchServerInfo(SearchDistribution.OpenSearch, "2.11.1", 2), info);
    }

    [Theory]
    [InlineData("""{"name":"n"}""")]
    [InlineData("""{"version":{"number":"x.1"}}""")]
    [InlineData("<html>proxy error</html>")]
    public void Refuses_answers_that_are_not_a_server_root(string body)
    {
        Assert.Throws<ElasticsearchException>(() => Parse(body));
    }

    private static ElasticsearchServerInfo Parse(string json) => ElasticsearchServerInfo.Parse(Encoding.UTF8.GetBytes(json));
}
