using Playstream.Core.Events;
using Playstream.Core.Pipeline;

namespace Playstream.TestSupport.Streaming;

/// <summary>Dead letters kept in a list.</summary>
public sealed class CollectingDeadLetters : IDeadLetterSink
{
    private readonly List<DeadLetter> _letters = [];

    public IReadOnlyList<DeadLetter> Letters
    {
        get
        {
            lock (_letters)
                return [.. _letters];
        }
    }

    public void Write(DeadLetter letter)
    {
        lock (_letters)
            _letters.Add(letter);
    }
}
