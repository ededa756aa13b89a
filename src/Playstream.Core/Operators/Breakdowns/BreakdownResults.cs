namespace Playstream.Core.Operators.Breakdowns;

/// <summary>
/// The breakdowns a dashboard draws that the contract's analytics do not give: plays per pane
/// by gender, level and age band, and plays per listening zip code. Not part of the export.
/// </summary>
public sealed record BreakdownResults(IReadOnlyList<PanePlays> Panes, IReadOnlyList<ZipPlays> Zips)
{
    public static BreakdownResults Empty { get; } = new([], []);
}
