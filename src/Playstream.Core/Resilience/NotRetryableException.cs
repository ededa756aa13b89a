namespace Playstream.Core.Resilience;

/// <summary>A failure no retry can mend (a record a server refuses for good): <see cref="ServerRetry"/> lets it through at once.</summary>
public sealed class NotRetryableException : Exception
{
    public NotRetryableException()
    {
    }

    public NotRetryableException(string message) : base(message)
    {
    }

    public NotRetryableException(string message, Exception inner) : base(message, inner)
    {
    }
}
