using System.Buffers;
using System.Text.Json;

namespace Playstream.Elasticsearch.Bulk;

/// <summary>
/// Builds one newline-delimited bulk body: an action line, then the document, per item.
/// The action line of the next document is prepared apart, so the caller can see its size
/// and send the current body first when the document would not fit.
/// </summary>
internal sealed class BulkBodyWriter : IDisposable
{
    private const byte NewLine = (byte)'\n';

    private readonly EsRequestShapes _shapes;
    private readonly string _index;
    private readonly ArrayBufferWriter<byte> _body = new(64 * 1024);
    private readonly ArrayBufferWriter<byte> _action = new(256);
    private readonly Utf8JsonWriter _actionWriter;
    private readonly List<BulkDocument> _documents = [];

    public BulkBodyWriter(EsRequestShapes shapes, string index)
    {
        _shapes = shapes;
        _index = index;
        _actionWriter = new Utf8JsonWriter(_action);
    }

    public int Count => _documents.Count;

    public int Bytes => _body.WrittenCount;

    /// <summary>The documents in the body, in order: bulk response items answer them by position.</summary>
    public IReadOnlyList<BulkDocument> Documents => _documents;

    public ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    /// <summary>Writes the action line for <paramref name="document"/> aside and returns the
    /// bytes that document would add to the body.</summary>
    public int Prepare(BulkDocument document)
    {
        _action.Clear();
        _actionWriter.Reset(_action);
        _shapes.WriteBulkIndexAction(_actionWriter, _index, document.Id, document.Version);
        _actionWriter.Flush();
        return _action.WrittenCount + 1 + document.Source.Length + 1;
    }

    /// <summary>Appends the document whose action line <see cref="Prepare"/> wrote last.</summary>
    public void AppendPrepared(BulkDocument document)
    {
        Write(_action.WrittenSpan);
        Write(document.Source.Span);
        _documents.Add(document);
    }

    public void Append(BulkDocument document)
    {
        Prepare(document);
        AppendPrepared(document);
    }

    public void Clear()
    {
        _body.Clear();
        _documents.Clear();
    }

    public void Dispose() => _actionWriter.Dispose();

    /// <summary>
    /// A bulk body is split on newlines, so a document must be one line of JSON. Sources
    /// without a newline pass as they are; others are re-written compactly, which fails for
    /// a source that is not JSON.
    /// </summary>
    public static bool TryMakeSingleLine(ReadOnlyMemory<byte> source, out ReadOnlyMemory<byte> singleLine, out string? error)
    {
        singleLine = source;
        error = null;
        if (source.IsEmpty)
        {
            error = "the document is empty";
            return false;
        }
        if (source.Span.IndexOf(NewLine) < 0)
        {
            return true;
        }
        try
        {
            using var document = JsonDocument.Parse(source);
            var buffer = new ArrayBufferWriter<byte>(source.Length);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                document.WriteTo(writer);
            }
            singleLine = buffer.WrittenMemory;
            return true;
        }
        catch (JsonException e)
        {
            error = $"the document is not valid JSON: {e.Message}";
            return false;
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var span = _body.GetSpan(bytes.Length + 1);
        bytes.CopyTo(span);
        span[bytes.Length] = NewLine;
        _body.Advance(bytes.Length + 1);
    }
}
