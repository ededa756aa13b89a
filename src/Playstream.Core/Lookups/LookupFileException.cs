namespace Playstream.Core.Lookups;

/// <summary>
/// A lookup file that cannot be read at all (missing, a directory, empty, without the header it
/// needs). The message is one line naming the file and the problem, fit to show a user as is.
/// </summary>
public sealed class LookupFileException : Exception
{
    public LookupFileException(string message) : base(message) { }
    public LookupFileException(string message, Exception inner) : base(message, inner) { }
    public LookupFileException() { }
}
