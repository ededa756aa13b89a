using System.Text;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Tests.Bulk;

public class BulkBodyWriterTests
{
    private static readonly EsRequestShapes Es2 = new(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "2.4.1", 2));

    [Fact]
    public void Body_is_an_action_line_and_a_source_line_per_document()
    {
        using var writer = new BulkBodyWriter(Es2, "plays");

        writer.Append(Doc("1", """{"a":1}"""));
        writer.Append(Doc("2", """{"a":2}"""));

        Assert.Equal(
            "{\"index\":{\"_index\":\"plays\",\"_type\":\"doc\",\"_id\":\"1\"}}\n{\"a\":1}\n" +
            "{\"index\":{\"_index\":\"plays\",\"_type\":\"doc\",\"_id\":\"2\"}}\n{\"a\":2}\n",
            Encoding.UTF8.GetString(writer.Body.Span));
        Assert.Equal(2, writer.Count);
    }

    [Fact]
    public void Prepare_tells_the_exact_bytes_a_document_adds()
    {
        using var writer = new BulkBodyWriter(Es2, "plays");
        var document = Doc("17", """{"x":true}""");

        int size = writer.Prepare(document);
        writer.AppendPrepared(document);

        Assert.Equal(writer.Bytes, size);
        // {"index":{"_index":"plays","_type":"doc","_id":"17"}} is 53 bytes, {"x":true} is 10, plus two newlines.
        Assert.Equal(53 + 1 + 10 + 1, size);
    }

    [Fact]
    public void Clear_starts_a_new_body()
    {
        using var writer = new BulkBodyWriter(Es2, "plays");
        writer.Append(Doc("1", "{}"));

        writer.Clear();
        writer.Append(Doc("2", "{}"));

        Assert.Equal("{\"index\":{\"_index\":\"plays\",\"_type\":\"doc\",\"_id\":\"2\"}}\n{}\n", Encoding.UTF8.GetString(writer.Body.Span));
        Assert.Equal(1, writer.Count);
        Assert.Equal("2", writer.ItemId(0));
    }

    [Fact]
    public void Items_are_found_again_by_position_with_their_id_and_version()
    {
        using var writer = new BulkBodyWriter(Es2, "plays");
        writer.Append(Doc("a", "{}"));
        writer.Append(new BulkDocument("b", Encoding.UTF8.GetBytes("""{"n":2}"""), Version: 7));
        writer.AppendItem("{\"index\":{\"_index\":\"plays\",\"_type\":\"doc\",\"_id\":\"c\"}}\n{\"n\":3}\n"u8);

        Assert.Equal(3, writer.Count);
        Assert.Equal(["a", "b", "c"], Enumerable.Range(0, 3).Select(writer.ItemId));
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(writer.ItemHasVersion));
        Assert.Equal("{\"index\":{\"_index\":\"plays\",\"_type\":\"doc\",\"_id\":\"c\"}}\n{\"n\":3}\n", Encoding.UTF8.GetString(writer.Item(2).Span));
        Assert.Equal(Encoding.UTF8.GetString(writer.Body.Span),
            string.Concat(Enumerable.Range(0, 3).Select(i => Encoding.UTF8.GetString(writer.Item(i).Span))));
    }

    [Fact]
    public void An_item_copied_into_another_body_is_the_same_bytes()
    {
        using var first = new BulkBodyWriter(Es2, "plays");
        using var second = new BulkBodyWriter(Es2, "plays");
        first.Append(Doc("1", """{"a":1}"""));
        first.Append(Doc("2", """{"a":2}"""));

        second.AppendItem(first.Item(1).Span);

        Assert.Equal("{\"index\":{\"_index\":\"plays\",\"_type\":\"doc\",\"_id\":\"2\"}}\n{\"a\":2}\n", Encoding.UTF8.GetString(second.Body.Span));
        Assert.Equal("2", second.ItemId(0));
    }

    [Fact]
    public void Single_line_source_passes_unchanged()
    {
        var source = Encoding.UTF8.GetBytes("""{ "a" : 1 }""");

        Assert.True(BulkBodyWriter.TryMakeSingleLine(source, out var line, out _));
        Assert.Equal("""{ "a" : 1 }""", Encoding.UTF8.GetString(line.Span));
    }

    [Fact]
    public void Pretty_printed_source_is_made_one_line()
    {
        var source = Encoding.UTF8.GetBytes("{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n");

        Assert.True(BulkBodyWriter.TryMakeSingleLine(source, out var line, out _));
        Assert.Equal("""{"a":1,"b":[1,2]}""", Encoding.UTF8.GetString(line.Span));
    }

    [Theory]
    [InlineData("{\n\"a\": }")]
    [InlineData("")]
    public void Broken_source_is_refused_with_a_reason(string text)
    {
        Assert.False(BulkBodyWriter.TryMakeSingleLine(Encoding.UTF8.GetBytes(text), out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static BulkDocument Doc(string id, string json) => new(id, Encoding.UTF8.GetBytes(json));
}
