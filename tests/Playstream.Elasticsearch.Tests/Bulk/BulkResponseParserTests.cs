using System.Text;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Tests.Bulk;

public class BulkResponseParserTests
{
    [Fact]
    public void No_errors_means_no_failed_items()
    {
        string body = """{"took":3,"errors":false,"items":[{"index":{"_id":"a","status":201}},{"index":{"_id":"b","status":200}}]}""";

        Assert.Empty(BulkResponseParser.Parse(Bytes(body), 2));
    }

    [Fact]
    public void Finds_the_failed_item_of_an_elasticsearch_2_answer_with_its_cause()
    {
        // As Elasticsearch 2.4.1 answers a long field given "not a number".
        string body = """{"took":131,"errors":true,"items":[{"index":{"_index":"t1","_type":"doc","_id":"a","_version":1,"_shards":{"total":1,"successful":1,"failed":0},"status":201}},{"index":{"_index":"t1","_type":"doc","_id":"b","status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse [n]","caused_by":{"type":"number_format_exception","reason":"For input string: \"not a number\""}}}}]}""";

        var errors = BulkResponseParser.Parse(Bytes(body), 2);

        var error = Assert.Single(errors);
        Assert.Equal(1, error.Position);
        Assert.Equal(400, error.Status);
        Assert.Equal("mapper_parsing_exception", error.ErrorType);
        Assert.Equal("failed to parse [n] (caused by number_format_exception: For input string: \"not a number\")", error.Reason);
    }

    [Fact]
    public void Finds_several_failures_by_position_including_rejections()
    {
        string body = """
            {"errors":true,"took":1,"items":[
              {"index":{"_id":"a","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"}}},
              {"index":{"_id":"b","status":201}},
              {"index":{"_id":"c","status":503,"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"}}}]}
            """;

        var errors = BulkResponseParser.Parse(Bytes(body), 3);

        Assert.Equal([0, 2], errors.Select(e => e.Position));
        Assert.Equal([429, 503], errors.Select(e => e.Status));
        Assert.Equal("es_rejected_execution_exception", errors[0].ErrorType);
    }

    [Fact]
    public void Reads_an_old_style_string_error()
    {
        string body = """{"errors":true,"items":[{"index":{"_id":"a","status":400,"error":"MapperParsingException[failed to parse]"}}]}""";

        var error = Assert.Single(BulkResponseParser.Parse(Bytes(body), 1));

        Assert.Equal("MapperParsingException[failed to parse]", error.Reason);
    }

    [Fact]
    public void A_count_of_items_that_does_not_match_the_request_is_an_error()
    {
        string body = """{"errors":true,"items":[{"index":{"_id":"a","status":400,"error":"x"}}]}""";

        Assert.Throws<ElasticsearchException>(() => BulkResponseParser.Parse(Bytes(body), 2));
    }

    [Fact]
    public void An_answer_that_is_not_json_is_an_error()
    {
        Assert.Throws<ElasticsearchException>(() => BulkResponseParser.Parse(Bytes("<html>bad gateway</html>"), 1));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
