namespace Playstream.Core.Lookups;

/// <summary>One CSV record as read, with where it started and what was wrong with it, if anything.</summary>
/// <param name="Fields">The field values, quotes removed and <c>""</c> collapsed.</param>
/// <param name="Line">1-based number of the line the record starts on.</param>
/// <param name="RawText">The record's text as in the file, without its final line terminator.</param>
/// <param name="Error">Why the record is not well-formed RFC 4180, or null when it is.</param>
public sealed record CsvRecord(IReadOnlyList<string> Fields, long Line, string RawText, string? Error)
{
    /// <summary>A line that is empty or only whitespace (no quotes, no commas).</summary>
    public bool IsBlank => Error is null && Fields.Count == 1 && RawText.Trim().Length == 0;
}
