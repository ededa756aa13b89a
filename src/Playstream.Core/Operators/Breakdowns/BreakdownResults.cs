namespace Playstream.Core.Operators.Breakdowns;

/// <summary>
/// Plays of one activity pane (one slide long, 5 minutes by default) for one value of a
/// customer dimension: <c>gender</c> (the code or <c>unknown</c>), <c>level</c>
/// (<c>free</c>, <c>silver</c>, <c>gold</c>, <c>unknown</c>) or <c>age</c> (a band, or
/// <c>unknown</c>). Times are Unix seconds, UTC. Only values with plays appear.
/// </summary>
public sealed record PanePlays(long PaneStart, long PaneEnd, string Dimension, string Key, long Plays);

/// <summary>Plays from one listening zip code over all time; <see cref="ZipKey.Other"/> gathers the empty and non-numeric ones.</summary>
public sealed record ZipPlays(string Zip, long Plays);

/// <summary>
/// The breakdowns a dashboard draws that the contract's analytics do not give: plays per pane
/// by gender, level and age band, and plays per listening zip code. Not part of the export.
/// </summary>
public sealed record BreakdownResults(IReadOnlyList<PanePlays> Panes, IReadOnlyList<ZipPlays> Zips)
{
    public static BreakdownResults Empty { get; } = new([], []);
}
