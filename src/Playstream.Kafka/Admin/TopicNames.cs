namespace Playstream.Kafka.Admin;

/// <summary>Kafka's rule for topic names, checked before a call so the user gets a clear message.</summary>
public static class TopicNames
{
    public const int MaxLength = 249;

    /// <summary>Letters, digits, <c>.</c>, <c>_</c> and <c>-</c>; 1-249 characters; not <c>.</c> or <c>..</c>.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && name is not "." and not ".."
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <exception cref="TopicAdminException">The name breaks the rule.</exception>
    public static void Validate(string? name)
    {
        if (!IsValid(name))
            throw new TopicAdminException(
                $"'{name}' is not a valid topic name: use 1-{MaxLength} letters, digits, '.', '_' or '-'");
    }

    /// <summary>
    /// The internal topic through which a consumer group routes a topic's plays to their
    /// customer's partition: <c>GROUP-TOPIC-repartition</c>, with characters a topic name cannot
    /// hold replaced by <c>_</c>, and shortened with a hash when too long.
    /// </summary>
    public static string Repartition(string group, string topic)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(topic);
        var name = new string($"{group}-{topic}-repartition".Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray());
        if (name.Length <= MaxLength)
            return name;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..16];
        return $"{name[..(MaxLength - 29)]}-{hash}-repartition";
    }

    /// <summary>Where a topic's dead letters go unless told otherwise.</summary>
    public static string DeadLetters(string topic) => topic + "-dead-letters";
}
