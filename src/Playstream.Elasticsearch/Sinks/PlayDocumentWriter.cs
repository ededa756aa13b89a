using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Writes the plays of a batch as bulk items (an action line and a document line each) straight
/// into a bulk body: the document id, the times and the zip code go from the batch to UTF-8 bytes
/// with no string or document object in between. The JSON is the one the plays index has always
/// held: what <see cref="System.Text.Json"/>'s default encoder writes for these fields.
/// </summary>
public sealed class PlayDocumentWriter : IDisposable
{
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("@timestamp");
    private static readonly JsonEncodedText IngestTime = JsonEncodedText.Encode("ingest_time");
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText CustomerId = JsonEncodedText.Encode("customer_id");
    private static readonly JsonEncodedText TrackId = JsonEncodedText.Encode("track_id");
    private static readonly JsonEncodedText IsMobile = JsonEncodedText.Encode("ismobile");
    private static readonly JsonEncodedText Zip = JsonEncodedText.Encode("listening_zip_code");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText Position = JsonEncodedText.Encode("position");
    private static readonly JsonEncodedText CustomerObject = JsonEncodedText.Encode("customer");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Gender = JsonEncodedText.Encode("gender");
    private static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    private static readonly JsonEncodedText CustomerZip = JsonEncodedText.Encode("zip");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Age = JsonEncodedText.Encode("age");
    private static readonly JsonEncodedText TrackObject = JsonEncodedText.Encode("track");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Artist = JsonEncodedText.Encode("artist");
    private static readonly JsonEncodedText Length = JsonEncodedText.Encode("length");

    private readonly EsRequestShapes _shapes;
    private readonly JsonEncodedText _index;
    private readonly Utf8JsonWriter _json = new(Stream.Null);
    private string? _source;
    private JsonEncodedText _sourceText;
    private byte[] _idPrefix = [];

    public PlayDocumentWriter(EsRequestShapes shapes, string index)
    {
        _shapes = shapes;
        _index = JsonEncodedText.Encode(index);
    }

    /// <summary>Appends play <paramref name="i"/> of <paramref name="batch"/> as one bulk item; returns the bytes written.</summary>
    /// <param name="ingestTime">When the batch reached the sink, the same for all its plays.</param>
    public int Write(IBufferWriter<byte> body, PlayBatch batch, int i, LookupTables lookups, DateTime ingestTime)
    {
        if (!ReferenceEquals(batch.Source, _source))
            UseSource(batch.Source);
        ref readonly var play = ref batch[i];
        var position = batch.Position(i);
        var written = 0;

        // The id is the source with '/' made '-', a '-' and the position: realtime-2-1043.
        Span<byte> id = stackalloc byte[_idPrefix.Length + 20];
        _idPrefix.CopyTo(id);
        Utf8Formatter.TryFormat(position, id[_idPrefix.Length..], out var digits);
        _json.Reset(body);
        _shapes.WriteBulkIndexAction(_json, _index, id[..(_idPrefix.Length + digits)]);
        written += Line(body);

        _json.Reset(body);
        _json.WriteStartObject();
        _json.WriteString(Timestamp, DateTime.UnixEpoch.AddSeconds(play.Time));
        _json.WriteString(IngestTime, ingestTime);
        _json.WriteNumber(EventId, play.EventId);
        _json.WriteNumber(CustomerId, play.CustomerId);
        _json.WriteNumber(TrackId, play.TrackId);
        _json.WriteBoolean(IsMobile, play.IsMobile);
        var zip = batch.Zip(i);
        // Bytes that are not UTF-8 become U+FFFD, as decoding them to a string always did.
        if (Utf8.IsValid(zip))
            _json.WriteString(Zip, zip);
        else
            _json.WriteString(Zip, Encoding.UTF8.GetString(zip));
        _json.WriteString(Source, _sourceText);
        _json.WriteNumber(Position, position);
        if (lookups.Customers.Get(play.CustomerId) is { } c)
        {
            _json.WriteStartObject(CustomerObject);
            _json.WriteString(Name, c.Name);
            _json.WriteString(Gender, c.Gender);
            _json.WriteString(Level, c.Level);
            _json.WriteString(CustomerZip, c.Zip);
            _json.WriteString(Status, c.Status);
            if (c.Age is not null) _json.WriteString(Age, c.Age);
            _json.WriteEndObject();
        }
        if (lookups.Tracks.Get(play.TrackId) is { } t)
        {
            _json.WriteStartObject(TrackObject);
            _json.WriteString(Title, t.Title);
            _json.WriteString(Artist, t.Artist);
            _json.WriteNumber(Length, t.Length);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        written += Line(body);
        return written;
    }

    /// <summary>The play's id: its source and position, e.g. <c>realtime-2-1043</c>.</summary>
    public static string DocumentId(string source, long position) => $"{source.Replace('/', '-')}-{position}";

    public void Dispose() => _json.Dispose();

    private void UseSource(string source)
    {
        _source = source;
        _sourceText = JsonEncodedText.Encode(source);
        _idPrefix = Encoding.UTF8.GetBytes(source.Replace('/', '-') + "-");
    }

    // Ends the JSON just written with the newline that ends a bulk line; returns the line's bytes.
    private int Line(IBufferWriter<byte> body)
    {
        _json.Flush();
        var bytes = (int)_json.BytesCommitted;
        body.GetSpan(1)[0] = (byte)'\n';
        body.Advance(1);
        return bytes + 1;
    }
}
