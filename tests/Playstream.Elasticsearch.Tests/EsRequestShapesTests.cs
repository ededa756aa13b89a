using System.Buffers;
using System.Text;
using System.Text.Json;
using Playstream.Elasticsearch.Mapping;

namespace Playstream.Elasticsearch.Tests;

public class EsRequestShapesTests
{
    private static readonly EsRequestShapes Es2 = new(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "2.4.1", 2));
    private static readonly EsRequestShapes Es6 = new(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "6.8.23", 6));
    private static readonly EsRequestShapes Es7 = new(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "7.17.0", 7));
    private static readonly EsRequestShapes OpenSearch2 = new(new ElasticsearchServerInfo(SearchDistribution.OpenSearch, "2.11.1", 2));

    private static IndexMapping AllTypes() => new IndexMapping()
        .Add("gender", FieldType.Keyword)
        .Add("title", FieldType.Text)
        .Add("plays", FieldType.Long)
        .Add("share", FieldType.Double)
        .Add("window_start", FieldType.Date)
        .Add("mobile", FieldType.Boolean);

    [Fact]
    public void Es2_index_body_has_the_doc_type_no_all_field_and_not_analyzed_strings()
    {
        string body = Encoding.UTF8.GetString(Es2.CreateIndexBody(AllTypes()));

        Assert.Equal(
            """{"mappings":{"doc":{"_all":{"enabled":false},"properties":{"gender":{"type":"string","index":"not_analyzed"},"title":{"type":"string"},"plays":{"type":"long"},"share":{"type":"double"},"window_start":{"type":"date"},"mobile":{"type":"boolean"}}}}}""",
            body);
    }

    [Fact]
    public void Es7_index_body_is_typeless_with_keyword_and_text()
    {
        string body = Encoding.UTF8.GetString(Es7.CreateIndexBody(AllTypes()));

        Assert.Equal(
            """{"mappings":{"properties":{"gender":{"type":"keyword"},"title":{"type":"text"},"plays":{"type":"long"},"share":{"type":"double"},"window_start":{"type":"date"},"mobile":{"type":"boolean"}}}}""",
            body);
    }

    [Fact]
    public void OpenSearch_is_typeless_whatever_its_version_number()
    {
        string body = Encoding.UTF8.GetString(OpenSearch2.CreateIndexBody(new IndexMapping().Add("gender", FieldType.Keyword)));

        Assert.Equal("""{"mappings":{"properties":{"gender":{"type":"keyword"}}}}""", body);
        Assert.False(OpenSearch2.UsesMappingTypes);
    }

    [Fact]
    public void Es6_keeps_a_mapping_type_but_knows_keyword()
    {
        string body = Encoding.UTF8.GetString(Es6.CreateIndexBody(new IndexMapping().Add("gender", FieldType.Keyword)));

        Assert.Equal("""{"mappings":{"doc":{"properties":{"gender":{"type":"keyword"}}}}}""", body);
    }

    [Fact]
    public void Dotted_fields_become_object_properties_in_order_of_first_appearance()
    {
        var mapping = new IndexMapping()
            .Add("window_start", FieldType.Date)
            .Add("tracks.track_id", FieldType.Long)
            .Add("gender", FieldType.Keyword)
            .Add("tracks.plays", FieldType.Long);

        string body = Encoding.UTF8.GetString(Es7.CreateIndexBody(mapping));

        Assert.Equal(
            """{"mappings":{"properties":{"window_start":{"type":"date"},"tracks":{"properties":{"track_id":{"type":"long"},"plays":{"type":"long"}}},"gender":{"type":"keyword"}}}}""",
            body);
    }

    [Fact]
    public void Es2_bulk_action_names_the_doc_type()
    {
        Assert.Equal("""{"index":{"_index":"profiles","_type":"doc","_id":"42"}}""", Action(Es2, "profiles", "42"));
    }

    [Fact]
    public void Es7_bulk_action_has_no_type()
    {
        Assert.Equal("""{"index":{"_index":"profiles","_id":"42"}}""", Action(Es7, "profiles", "42"));
    }

    [Fact]
    public void Bulk_action_escapes_quotes_in_ids()
    {
        using var parsed = JsonDocument.Parse(Action(Es7, "x", "a\"b"));

        Assert.Equal("a\"b", parsed.RootElement.GetProperty("index").GetProperty("_id").GetString());
    }

    [Theory]
    [InlineData("""{"total":12,"hits":[]}""", 12)]
    [InlineData("""{"total":{"value":10000,"relation":"gte"},"hits":[]}""", 10000)]
    public void Total_hits_read_from_both_shapes(string hits, long expected)
    {
        using var document = JsonDocument.Parse(hits);

        Assert.Equal(expected, EsRequestShapes.ReadTotalHits(document.RootElement));
    }

    [Fact]
    public void A_versioned_action_asks_for_external_gte_in_each_servers_words()
    {
        Assert.Equal("""{"index":{"_index":"activity","_type":"doc","_id":"w","_version":12,"_version_type":"external_gte"}}""", Action(Es2, "activity", "w", 12));
        Assert.Equal("""{"index":{"_index":"activity","_id":"w","version":12,"version_type":"external_gte"}}""", Action(Es7, "activity", "w", 12));
        Assert.Equal("""{"index":{"_index":"activity","_id":"w","version":0,"version_type":"external_gte"}}""", Action(OpenSearch2, "activity", "w", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Action(Es7, "activity", "w", -1));
    }

    [Fact]
    public void A_shard_count_goes_in_the_settings_and_none_leaves_the_servers_default()
    {
        var withShards = Encoding.UTF8.GetString(Es2.CreateIndexBody(new IndexMapping { Shards = 1 }.Add("plays", FieldType.Long)));
        Assert.Equal("""{"settings":{"number_of_shards":1},"mappings":{"doc":{"_all":{"enabled":false},"properties":{"plays":{"type":"long"}}}}}""", withShards);
        var without = Encoding.UTF8.GetString(Es7.CreateIndexBody(new IndexMapping().Add("plays", FieldType.Long)));
        Assert.DoesNotContain("settings", without, StringComparison.Ordinal);
    }

    private static string Action(EsRequestShapes shapes, string index, string id, long? version = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            shapes.WriteBulkIndexAction(writer, index, id, version);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Refresh_interval_bodies_set_a_value_or_put_the_default_back()
    {
        Assert.Equal("""{"index":{"refresh_interval":"-1"}}""", Encoding.UTF8.GetString(Es2.RefreshIntervalBody("-1")));
        Assert.Equal("""{"index":{"refresh_interval":"30s"}}""", Encoding.UTF8.GetString(Es7.RefreshIntervalBody("30s")));
        // 2.x refuses a null setting: its default is given instead. 5+ and OpenSearch reset a null setting.
        Assert.Equal("""{"index":{"refresh_interval":"1s"}}""", Encoding.UTF8.GetString(Es2.RefreshIntervalBody(null)));
        Assert.Equal("""{"index":{"refresh_interval":null}}""", Encoding.UTF8.GetString(Es6.RefreshIntervalBody(null)));
        Assert.Equal("""{"index":{"refresh_interval":null}}""", Encoding.UTF8.GetString(OpenSearch2.RefreshIntervalBody(null)));
    }
}
