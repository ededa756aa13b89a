using System.Buffers;
using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Export;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.Elasticsearch.Tests.Sinks;

public class PlayDocumentWriterTests
{
    private static readonly EsRequestShapes Es2 = new(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "2.4.1", 2));
    private static readonly EsRequestShapes Es8 = new(new ElasticsearchServerInfo(SearchDistribution.Elasticsearch, "8.15.0", 8));
    private static readonly DateTime Ingest = new(2026, 12, 3, 11, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_enriched_play_is_an_action_line_and_its_document_line()
    {
        var customers = new CustomerTable();
        customers.Set(new Customer(42, "Ann O'Lee", "F", "1 Main St", "72132", "01/02/2013", "1", "2", "1", "0", "33"));
        var tracks = new TrackTable();
        tracks.Set(new Track(9, "Hold On", ".38 Special", 253));
        // 2014-10-01 10:00:00 UTC is 1,412,157,600 seconds after the epoch.
        var batch = Batch("realtime/2", (new PlayEvent(7, 42, 9, 1_412_157_600, true), "12345", 1043));

        var (text, written) = Write(Es2, batch, new LookupTables(customers, tracks));

        Assert.Equal(
            "{\"index\":{\"_index\":\"plays\",\"_type\":\"doc\",\"_id\":\"realtime-2-1043\"}}\n" +
            "{\"@timestamp\":\"2014-10-01T10:00:00Z\",\"ingest_time\":\"2026-12-03T11:00:00Z\",\"event_id\":7,\"customer_id\":42,\"track_id\":9," +
            "\"ismobile\":true,\"listening_zip_code\":\"12345\",\"source\":\"realtime/2\",\"position\":1043," +
            "\"customer\":{\"name\":\"Ann O\\u0027Lee\",\"gender\":\"F\",\"level\":\"2\",\"zip\":\"72132\",\"status\":\"1\",\"age\":\"33\"}," +
            "\"track\":{\"title\":\"Hold On\",\"artist\":\".38 Special\",\"length\":253}}\n",
            text);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), written);
    }

    [Fact]
    public void Servers_without_mapping_types_get_no_type_and_unknown_lookups_add_nothing()
    {
        var batch = Batch("app.log", (new PlayEvent(1, 5, 6, 0, false), "", 3));

        var (text, _) = Write(Es8, batch, LookupTables.Empty());

        Assert.Equal(
            "{\"index\":{\"_index\":\"plays\",\"_id\":\"app.log-3\"}}\n" +
            "{\"@timestamp\":\"1970-01-01T00:00:00Z\",\"ingest_time\":\"2026-12-03T11:00:00Z\",\"event_id\":1,\"customer_id\":5,\"track_id\":6," +
            "\"ismobile\":false,\"listening_zip_code\":\"\",\"source\":\"app.log\",\"position\":3}\n",
            text);
    }

    [Fact]
    public void A_customer_without_an_age_has_no_age_field()
    {
        var customers = new CustomerTable();
        customers.Set(new Customer(5, "Bo", "M", "2 Elm St", "10001", "01/02/2013", "0", "1", "0", "1", null));

        var (text, _) = Write(Es8, Batch("s", (new PlayEvent(1, 5, 6, 0, false), "1", 1)), new LookupTables(customers, new TrackTable()));

        Assert.Contains("\"customer\":{\"name\":\"Bo\",\"gender\":\"M\",\"level\":\"1\",\"zip\":\"10001\",\"status\":\"0\"}}", text);
    }

    [Fact]
    public void Zip_bytes_that_are_not_utf8_become_the_replacement_character()
    {
        var batch = new PlayBatch(1) { Source = "s" };
        batch.Add(new PlayEvent(1, 5, 6, 0, false), [0x31, 0xFF, 0x32], 1);

        var (text, _) = Write(Es8, batch, LookupTables.Empty());

        Assert.Contains("\"listening_zip_code\":\"1\\uFFFD2\"", text);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_412_157_659L)]
    [InlineData(1_420_070_399L)]
    [InlineData(951_782_400L)] // 2000-02-29
    public void Timestamps_are_the_exports_iso_time(long seconds)
    {
        var (text, _) = Write(Es8, Batch("s", (new PlayEvent(1, 5, 6, seconds, false), "", 1)), LookupTables.Empty());

        Assert.Contains($"\"@timestamp\":\"{IsoTime.Format(seconds)}\"", text);
    }

    [Fact]
    public void Ids_follow_the_source_of_each_batch()
    {
        using var writer = new PlayDocumentWriter(Es8, "plays");
        var body = new ArrayBufferWriter<byte>();
        writer.Write(body, Batch("realtime/0", (new PlayEvent(1, 5, 6, 0, false), "", 10)), 0, LookupTables.Empty(), Ingest);
        writer.Write(body, Batch("realtime/11", (new PlayEvent(1, 5, 6, 0, false), "", 10)), 0, LookupTables.Empty(), Ingest);

        var ids = Encoding.UTF8.GetString(body.WrittenSpan).Split('\n').Where((_, i) => i % 2 == 0 && i < 4).ToArray();
        Assert.Equal(["{\"index\":{\"_index\":\"plays\",\"_id\":\"realtime-0-10\"}}", "{\"index\":{\"_index\":\"plays\",\"_id\":\"realtime-11-10\"}}"], ids);
        Assert.Equal("realtime-11-10", PlayDocumentWriter.DocumentId("realtime/11", 10));
    }

    private static PlayBatch Batch(string source, params (PlayEvent Play, string Zip, long Position)[] plays)
    {
        var batch = new PlayBatch(plays.Length) { Source = source };
        foreach (var (play, zip, position) in plays)
            batch.Add(play, Encoding.UTF8.GetBytes(zip), position);
        return batch;
    }

    private static (string Text, int Written) Write(EsRequestShapes shapes, PlayBatch batch, LookupTables lookups)
    {
        using var writer = new PlayDocumentWriter(shapes, "plays");
        var body = new ArrayBufferWriter<byte>();
        var written = writer.Write(body, batch, 0, lookups, Ingest);
        return (Encoding.UTF8.GetString(body.WrittenSpan), written);
    }
}
