using System.Text.Json;

namespace Playstream.Elasticsearch.Bulk;

/// <summary>Reads a bulk response: which items failed and why. Items answer the request's
/// documents in order, so a failure is matched to its document by position.</summary>
internal static class BulkResponseParser
{
    public static IReadOnlyList<BulkItemError> Parse(ReadOnlySpan<byte> body, int expectedItems)
    {
        try
        {
            // Most bulks succeed whole: "errors": false near the top settles it without
            // building a document for thousands of items.
            if (ReportsNoErrors(body))
            {
                return [];
            }
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new ElasticsearchException("the bulk response has no items");
            }
            if (items.GetArrayLength() != expectedItems)
            {
                throw new ElasticsearchException(
                    $"the bulk response has {items.GetArrayLength()} items for {expectedItems} documents");
            }
            var errors = new List<BulkItemError>();
            int position = 0;
            foreach (var item in items.EnumerateArray())
            {
                // Each item is {"<action>": {"status": ..., "error": ...}}.
                var result = item.EnumerateObject().First().Value;
                int status = result.TryGetProperty("status", out var s) ? s.GetInt32() : 0;
                bool hasError = result.TryGetProperty("error", out var error);
                if (hasError || status >= 300)
                {
                    var (type, reason) = hasError ? Describe(error) : ("unknown", $"status {status}");
                    errors.Add(new BulkItemError(position, status, type, reason));
                }
                position++;
            }
            return errors;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new ElasticsearchException($"cannot read the bulk response: {e.Message}", e);
        }
    }

    private static bool ReportsNoErrors(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isErrors = reader.ValueTextEquals("errors"u8);
            reader.Read();
            if (isErrors)
            {
                return reader.TokenType == JsonTokenType.False;
            }
            reader.Skip();
        }
        return false;
    }

    // 2.x and later give {"type", "reason", "caused_by": {...}}; 1.x gave a plain string.
    private static (string Type, string Reason) Describe(JsonElement error)
    {
        if (error.ValueKind == JsonValueKind.String)
        {
            return ("error", error.GetString() ?? "");
        }
        string type = error.TryGetProperty("type", out var t) ? t.GetString() ?? "unknown" : "unknown";
        string reason = error.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
        if (error.TryGetProperty("caused_by", out var cause) && cause.ValueKind == JsonValueKind.Object)
        {
            string causeType = cause.TryGetProperty("type", out var ct) ? ct.GetString() ?? "" : "";
            string causeReason = cause.TryGetProperty("reason", out var cr) ? cr.GetString() ?? "" : "";
            reason = $"{reason} (caused by {causeType}: {causeReason})";
        }
        return (type, reason);
    }
}
