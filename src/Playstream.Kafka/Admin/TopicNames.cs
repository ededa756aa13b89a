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

    /// <summary>Where a topic's dead letters go unless told otherwise.</summary>
    public static string DeadLetters(string topic) => topic + "-dead-letters";
}
