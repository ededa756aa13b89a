using System.Text.Json;

namespace Playstream.Elasticsearch.Transport;

/// <summary>Turns an unwanted answer into an exception that says what the server said.</summary>
internal static class EsErrors
{
    public static ElasticsearchException Refused(string operation, EsResponse response) =>
        new($"elasticsearch at {response.Url} answered {response.StatusCode} to {operation}: {Describe(response)}",
            response.StatusCode);

    /// <summary>The error's type and reason from a body like
    /// <c>{"error":{"type":..,"reason":..},"status":..}</c>, else the body's start.</summary>
    public static string Describe(EsResponse response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    string type = error.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
                    string reason = error.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
                    return $"{type}: {reason}";
                }
                return error.ToString();
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): show the text itself.
        }
        return response.BodyExcerpt();
    }

    /// <summary>Whether an index-creation refusal only says the index exists (a concurrent creator won).</summary>
    public static bool IsIndexAlreadyExists(EsResponse response) =>
        response.StatusCode == 400 &&
        (Describe(response).StartsWith("index_already_exists_exception", StringComparison.Ordinal) ||
         Describe(response).StartsWith("resource_already_exists_exception", StringComparison.Ordinal));
}
