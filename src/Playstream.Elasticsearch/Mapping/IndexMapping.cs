namespace Playstream.Elasticsearch.Mapping;

/// <summary>The fields an index maps explicitly, in order; documents may carry other fields,
/// which the server maps by itself.</summary>
public sealed class IndexMapping
{
    private readonly List<MappingField> _fields = [];

    public IReadOnlyList<MappingField> Fields => _fields;

    /// <summary>Primary shards to create the index with; null leaves it to the server's default (5 before 7, 1 from 7).</summary>
    public int? Shards { get; init; }

    /// <summary>Adds a field; returns this mapping so that fields chain.</summary>
    public IndexMapping Add(string name, FieldType type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a field path", nameof(name));
        }
        foreach (var field in _fields)
        {
            if (field.Name == name)
            {
                throw new ArgumentException($"field '{name}' is mapped twice", nameof(name));
            }
            // A field cannot be both a leaf and an object that holds other fields.
            if (field.Name.StartsWith(name + ".", StringComparison.Ordinal) ||
                name.StartsWith(field.Name + ".", StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' and '{field.Name}' cannot both be fields", nameof(name));
            }
        }
        _fields.Add(new MappingField(name, type));
        return this;
    }
}
