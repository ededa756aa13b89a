namespace Playstream.TestSupport;

/// <summary>Two results differ; the message names the first difference.</summary>
public sealed class ResultsMismatchException : Exception
{
    public ResultsMismatchException(string message) : base(message) { }
    public ResultsMismatchException(string message, Exception inner) : base(message, inner) { }
    public ResultsMismatchException() { }
}
