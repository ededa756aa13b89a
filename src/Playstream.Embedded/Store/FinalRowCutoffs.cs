using Playstream.Core.Engine;

namespace Playstream.Embedded.Store;

/// <summary>
/// The times by which stored result rows are final and stay when a run with an evicted state
/// writes its results: the state no longer computes windows ending by its horizon, nor the dashboard's panes
/// before the first one it still keeps whole, so those rows, written while they were still
/// computed, are kept instead of being deleted with the rest.
/// </summary>
/// <param name="WindowsEndingBy">Activity and top-tracks windows ending at or before this time are final.</param>
/// <param name="PanesStartingBefore">Breakdown panes starting before this time are final.</param>
public readonly record struct FinalRowCutoffs(long WindowsEndingBy, long PanesStartingBefore)
{
    /// <summary>The cut-offs of a state evicted up to its horizon; null for a state that was never evicted (every row is rewritten).</summary>
    public static FinalRowCutoffs? Of(PartitionAnalytics analytics)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        return analytics is { Horizon: { } horizon, FirstWholePaneStart: { } firstPane } ? new FinalRowCutoffs(horizon, firstPane) : null;
    }
}
