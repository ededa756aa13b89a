namespace Playstream.Core.Engine;

/// <summary>
/// The parts of a partition's state that grow with event time (panes) or with plays (stored
/// interest times), next to the pairs, which grow only with customers times tracks.
/// </summary>
public readonly record struct StateFootprint(int ActivityPanes, int TopTracksPanes, int BreakdownPanes, int Pairs, long StoredTimes);
