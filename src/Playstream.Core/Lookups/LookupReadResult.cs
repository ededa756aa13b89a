namespace Playstream.Core.Lookups;

/// <summary>A loaded lookup table and the rows that were skipped on the way.</summary>
public sealed record LookupReadResult<TTable>(TTable Table, IReadOnlyList<LookupProblem> Problems);
