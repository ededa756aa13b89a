using System.Buffers;
using System.Text.Json;
using Playstream.Elasticsearch.Mapping;

namespace Playstream.Elasticsearch;

/// <summary>
/// The one place where request and response shapes differ between server versions.
/// Elasticsearch before 7 needs a mapping type in index creation and in every bulk action
/// (and a type name may not start with '_'); 2.x has no <c>keyword</c> or <c>text</c> types
/// but <c>string</c> with or without <c>"index": "not_analyzed"</c>; 7+ reports total hits
/// as an object. OpenSearch is typeless like Elasticsearch 7.
/// </summary>
public sealed class EsRequestShapes
{
    /// <summary>The mapping type used where the server needs one.</summary>
    public const string MappingTypeName = "doc";

    private static readonly JsonEncodedText IndexAction = JsonEncodedText.Encode("index");
    private static readonly JsonEncodedText IndexProperty = JsonEncodedText.Encode("_index");
    private static readonly JsonEncodedText TypeProperty = JsonEncodedText.Encode("_type");
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("_id");
    private static readonly JsonEncodedText MappingType = JsonEncodedText.Encode(MappingTypeName);

    public EsRequestShapes(ElasticsearchServerInfo server)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        bool elasticsearch = server.Distribution == SearchDistribution.Elasticsearch;
        UsesMappingTypes = elasticsearch && server.MajorVersion < 7;
        HasKeywordType = !elasticsearch || server.MajorVersion >= 5;
        HasAllField = elasticsearch && server.MajorVersion < 6;
    }

    /// <summary>
    /// Whether the server gives every document an <c>_all</c> field unless its mapping turns it off
    /// (Elasticsearch before 6): every value analyzed once more as text, which no Playstream query
    /// reads. Turned off, a `process` run indexing 1M enriched plays into Elasticsearch 2.4 took 67 to
    /// 75 s instead of 80 to 100 s, the server spending a fifth less CPU.
    /// </summary>
    public bool HasAllField { get; }

    public ElasticsearchServerInfo Server { get; }

    /// <summary>Whether index mappings and bulk actions carry a mapping type (Elasticsearch before 7).</summary>
    public bool UsesMappingTypes { get; }

    /// <summary>Whether the server knows <c>keyword</c> and <c>text</c> (Elasticsearch 5+, OpenSearch).</summary>
    public bool HasKeywordType { get; }

    /// <summary>The body of <c>PUT /index</c> that creates an index with this mapping.</summary>
    public byte[] CreateIndexBody(IndexMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (mapping.Shards is { } shards)
            {
                writer.WriteStartObject("settings");
                writer.WriteNumber("number_of_shards", shards);
                writer.WriteEndObject();
            }
            writer.WriteStartObject("mappings");
            if (UsesMappingTypes)
            {
                writer.WriteStartObject(MappingTypeName);
            }
            if (HasAllField)
            {
                writer.WriteStartObject("_all");
                writer.WriteBoolean("enabled", false);
                writer.WriteEndObject();
            }
            var fields = mapping.Fields.Select(f => (Path: f.Name.Split('.'), f.Type)).ToList();
            WriteProperties(writer, fields, depth: 0);
            if (UsesMappingTypes)
            {
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes one field's mapping object, e.g. <c>{"type":"keyword"}</c>.</summary>
    public void WriteFieldType(Utf8JsonWriter writer, FieldType type)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        switch (type)
        {
            case FieldType.Keyword when HasKeywordType:
                writer.WriteString("type", "keyword");
                break;
            case FieldType.Keyword:
                writer.WriteString("type", "string");
                writer.WriteString("index", "not_analyzed");
                break;
            case FieldType.Text:
                writer.WriteString("type", HasKeywordType ? "text" : "string");
                break;
            case FieldType.Long:
                writer.WriteString("type", "long");
                break;
            case FieldType.Double:
                writer.WriteString("type", "double");
                break;
            case FieldType.Date:
                writer.WriteString("type", "date");
                break;
            case FieldType.Boolean:
                writer.WriteString("type", "boolean");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown field type");
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes the action object of a bulk "index" line (no newline), e.g.
    /// <c>{"index":{"_index":"plays","_id":"7"}}</c>, with <c>"_type":"doc"</c> where needed, and an
    /// external version when given (<c>_version</c>/<c>_version_type</c> before 7, <c>version</c>/<c>version_type</c> from 7).</summary>
    public void WriteBulkIndexAction(Utf8JsonWriter writer, string index, string id, long? version = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        StartBulkIndexAction(writer, JsonEncodedText.Encode(index));
        writer.WriteString(IdProperty, id);
        if (version is { } v)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(v, nameof(version));
            writer.WriteNumber(UsesMappingTypes ? "_version" : "version", v);
            writer.WriteString(UsesMappingTypes ? "_version_type" : "version_type", "external_gte");
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The same action line without a version, for writers that already hold the index
    /// name encoded and the id as UTF-8 bytes (one line per play: no string is made for it).</summary>
    public void WriteBulkIndexAction(Utf8JsonWriter writer, JsonEncodedText index, ReadOnlySpan<byte> utf8Id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        StartBulkIndexAction(writer, index);
        writer.WriteString(IdProperty, utf8Id);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void StartBulkIndexAction(Utf8JsonWriter writer, JsonEncodedText index)
    {
        writer.WriteStartObject();
        writer.WriteStartObject(IndexAction);
        writer.WriteString(IndexProperty, index);
        if (UsesMappingTypes)
        {
            writer.WriteString(TypeProperty, MappingType);
        }
    }

    /// <summary>
    /// The body of <c>PUT /index/_settings</c> that sets <c>refresh_interval</c>. Null asks for the
    /// server's default: 5+ and OpenSearch reset a setting given as null; 2.x refuses a null
    /// ("no settings to update"), so there it is set to 2.x's default, 1s.
    /// </summary>
    public byte[] RefreshIntervalBody(string? interval)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("index");
            if (interval is not null)
            {
                writer.WriteString("refresh_interval", interval);
            }
            else if (CanResetSettings)
            {
                writer.WriteNull("refresh_interval");
            }
            else
            {
                writer.WriteString("refresh_interval", "1s");
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Whether a setting given as null goes back to its default (Elasticsearch 5+, OpenSearch).</summary>
    public bool CanResetSettings => HasKeywordType;

    /// <summary>Reads <c>hits.total</c>: a number before 7, <c>{"value": n, "relation": ...}</c> from 7.</summary>
    public static long ReadTotalHits(JsonElement hits)
    {
        var total = hits.GetProperty("total");
        return total.ValueKind == JsonValueKind.Object ? total.GetProperty("value").GetInt64() : total.GetInt64();
    }

    // Dotted names become nested "properties" objects; fields keep their order of first appearance.
    private void WriteProperties(Utf8JsonWriter writer, List<(string[] Path, FieldType Type)> fields, int depth)
    {
        writer.WriteStartObject("properties");
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, type) in fields)
        {
            string name = path[depth];
            if (!written.Add(name))
            {
                continue;
            }
            if (path.Length == depth + 1)
            {
                writer.WritePropertyName(name);
                WriteFieldType(writer, type);
                continue;
            }
            var children = fields.Where(f => f.Path.Length > depth + 1 && f.Path[depth] == name).ToList();
            writer.WriteStartObject(name);
            WriteProperties(writer, children, depth + 1);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
