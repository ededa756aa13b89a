namespace Playstream.Core.Lookups;

/// <summary>A row of a lookup file that was skipped (or repaired with loss), and why.</summary>
/// <param name="Line">1-based line number where the row starts.</param>
/// <param name="Reason">What is wrong, in a few words.</param>
/// <param name="RawText">The row as the file wrote it.</param>
public sealed record LookupProblem(long Line, string Reason, string RawText)
{
    public override string ToString() => $"line {Line}: {Reason}: {RawText}";
}
