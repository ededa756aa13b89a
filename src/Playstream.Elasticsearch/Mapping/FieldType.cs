namespace Playstream.Elasticsearch.Mapping;

/// <summary>A field's type, named neutrally: <see cref="EsRequestShapes"/> renders it for the server's version.</summary>
public enum FieldType
{
    /// <summary>An exact string, matched whole (never analysed).</summary>
    Keyword,

    /// <summary>Full text, analysed into words.</summary>
    Text,

    Long,
    Double,
    Date,
    Boolean,
}
