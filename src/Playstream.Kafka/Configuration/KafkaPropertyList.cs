namespace Playstream.Kafka.Configuration;

/// <summary>Reads librdkafka properties written as <c>KEY=VALUE</c>, several joined by <c>;</c>.</summary>
public static class KafkaPropertyList
{
    /// <summary>The pairs in order; later pairs repeat earlier keys to override them.</summary>
    /// <exception cref="FormatException">A pair has no <c>=</c> or an empty key.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            foreach (var part in item.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var key = equals < 0 ? "" : part[..equals].Trim();
                if (key.Length == 0)
                    throw new FormatException($"Kafka property '{Redact(part)}' is not KEY=VALUE");
                pairs.Add(new(key, part[(equals + 1)..].Trim()));
            }
        }
        return pairs;
    }

    /// <summary>Parses the <c>k=v;k=v</c> form of an environment variable; nothing when it is unset.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> FromEnvironment(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(value) ? [] : Parse([value]);
    }

    // A malformed pair may still hold a secret (a password typed without its key): show only its shape.
    private static string Redact(string part) => part.Length <= 3 ? part : part[..3] + "...";
}
