namespace Playstream.Kafka.Admin;

/// <summary>A topic could not be created, deleted or described; the message says why in one line.</summary>
public sealed class TopicAdminException : Exception
{
    public TopicAdminException(string message, TopicAdminFailure failure = TopicAdminFailure.Other, Exception? inner = null)
        : base(message, inner) => Failure = failure;

    public TopicAdminException() : this("topic admin failed") { }

    public TopicAdminException(string message) : this(message, TopicAdminFailure.Other) { }

    public TopicAdminException(string message, Exception inner) : this(message, TopicAdminFailure.Other, inner) { }

    public TopicAdminFailure Failure { get; }
}
