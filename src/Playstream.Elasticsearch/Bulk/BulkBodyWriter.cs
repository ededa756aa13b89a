using System.Buffers;
using System.Text.Json;

namespace Playstream.Elasticsearch.Bulk;

/// <summary>
/// Builds one newline-delimited bulk body: an action line, then the document, per item, and
/// remembers where each item ends, so a response item (which answers its request item by
/// position) leads back to the item's bytes. Items come as documents (the action line of the
/// next one is prepared apart, so the caller can see its size and send the current body first
/// when it would not fit) or as items their writer made whole.
/// </summary>
internal sealed class BulkBodyWriter : IDisposable
{
    private const byte NewLine = (byte)'\n';

    private readonly EsRequestShapes _shapes;
    private readonly string _index;
    private readonly ArrayBufferWriter<byte> _body;
    private readonly ArrayBufferWriter<byte> _action = new(256);
    private readonly Utf8JsonWriter _actionWriter;
    private readonly List<int> _ends = [];

    public BulkBodyWriter(EsRequestShapes shapes, string index, int initialBytes = 64 * 1024)
    {
        _shapes = shapes;
        _index = index;
        _body = new ArrayBufferWriter<byte>(initialBytes);
        _actionWriter = new Utf8JsonWriter(_action);
    }

    public int Count => _ends.Count;

    public int Bytes => _body.WrittenCount;

    public ReadOnlyMemory<byte> Body => _body.WrittenMemory;

    /// <summary>Item <paramref name="index"/>'s bytes: its action line and its document line.</summary>
    public ReadOnlyMemory<byte> Item(int index) =>
        _body.WrittenMemory[(index == 0 ? 0 : _ends[index - 1]).._ends[index]];

    /// <summary>The document id item <paramref name="index"/>'s action line names (read back on failures only).</summary>
    public string ItemId(int index) => ItemAction(index).TryGetProperty("_id", out var id) ? id.GetString() ?? "" : "";

    /// <summary>Whether item <paramref name="index"/> carries an external version (a 409 then means "superseded").</summary>
    public bool ItemHasVersion(int index)
    {
        var action = ItemAction(index);
        return action.TryGetProperty("_version", out _) || action.TryGetProperty("version", out _);
    }

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
        _ends.Add(_body.WrittenCount);
    }

    public void Append(BulkDocument document)
    {
        Prepare(document);
        AppendPrepared(document);
    }

    /// <summary>Appends a whole item (its action line and document line, each ending in a newline), as it is.</summary>
    public void AppendItem(ReadOnlySpan<byte> item)
    {
        item.CopyTo(_body.GetSpan(item.Length));
        _body.Advance(item.Length);
        _ends.Add(_body.WrittenCount);
    }

    public void Clear()
    {
        _body.Clear();
        _ends.Clear();
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

    // {"index": {...}}: the object inside the action line.
    private JsonElement ItemAction(int index)
    {
        var item = Item(index).Span;
        var line = item[..item.IndexOf(NewLine)];
        using var document = JsonDocument.Parse(line.ToArray());
        return document.RootElement.EnumerateObject().First().Value.Clone();
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var span = _body.GetSpan(bytes.Length + 1);
        bytes.CopyTo(span);
        span[bytes.Length] = NewLine;
        _body.Advance(bytes.Length + 1);
    }
}
