namespace Playstream.Core.Operators.Breakdowns;

/// <summary>
/// Plays of one activity pane (one slide long, 5 minutes by default) for one value of a
/// customer dimension: <c>gender</c> (the code or <c>unknown</c>), <c>level</c>
/// (<c>free</c>, <c>silver</c>, <c>gold</c>, <c>unknown</c>) or <c>age</c> (a band, or
/// <c>unknown</c>). Times are Unix seconds, UTC. Only values with plays appear.
/// </summary>
public sealed record PanePlays(long PaneStart, long PaneEnd, string Dimension, string Key, long Plays);
