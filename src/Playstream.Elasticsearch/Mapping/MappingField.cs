namespace Playstream.Elasticsearch.Mapping;

/// <summary>A field of an index mapping. A dotted name ("tracks.track_id") is a field of an
/// object field ("tracks").</summary>
public sealed record MappingField(string Name, FieldType Type);
