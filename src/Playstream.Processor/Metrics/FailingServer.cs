namespace Playstream.Processor.Metrics;

/// <summary>
/// Tells from a line <c>process</c> reports which server a retry or failure concerns. The
/// retry paths (the flush steps, the plays sink, the Elasticsearch client) already say what
/// failed in words; reading those words keeps the metrics out of the retry code.
/// </summary>
public static class FailingServer
{
    public const string Elasticsearch = "elasticsearch";
    public const string Redis = "redis";
    public const string Kafka = "kafka";
    public const string Other = "other";

    /// <summary>Whether the line announces a retry ("... failed (...); retrying in 2s", "... retrying in 500ms (attempt 2 of 5)").</summary>
    public static bool IsRetry(string line) =>
        line is not null && line.Contains("retrying in ", StringComparison.Ordinal);

    /// <summary>Whether the line is an error the Kafka client raised (a broker down, a refused request).</summary>
    public static bool IsKafkaClientError(string line) =>
        line is not null && line.StartsWith("kafka error:", StringComparison.Ordinal);

    /// <summary>The server a line is about, judged from what was being done (the words before the first parenthesis).</summary>
    public static string Of(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var what = open < 0 ? line : line[..open];
        if (what.Contains("elasticsearch", StringComparison.OrdinalIgnoreCase) || what.Contains("index", StringComparison.OrdinalIgnoreCase)
            || what.Contains("indices", StringComparison.OrdinalIgnoreCase))
            return Elasticsearch;
        if (what.Contains("redis", StringComparison.OrdinalIgnoreCase) || what.Contains("checkpoint", StringComparison.OrdinalIgnoreCase))
            return Redis;
        if (what.Contains("kafka", StringComparison.OrdinalIgnoreCase) || what.Contains("dead letters", StringComparison.OrdinalIgnoreCase)
            || what.Contains("offsets", StringComparison.OrdinalIgnoreCase))
            return Kafka;
        return Other;
    }

    /// <summary>The server an exception that stopped the run came from, judged by its type.</summary>
    public static string Of(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (var e = failure; e is not null; e = e.InnerException)
        {
            var ns = e.GetType().Namespace ?? "";
            if (ns.StartsWith("Playstream.Elasticsearch", StringComparison.Ordinal)) return Elasticsearch;
            if (ns.StartsWith("StackExchange.Redis", StringComparison.Ordinal) || ns.StartsWith("Playstream.Redis", StringComparison.Ordinal)) return Redis;
            if (ns.StartsWith("Confluent.Kafka", StringComparison.Ordinal) || ns.StartsWith("Playstream.Kafka", StringComparison.Ordinal)) return Kafka;
        }
        return Other;
    }
}
