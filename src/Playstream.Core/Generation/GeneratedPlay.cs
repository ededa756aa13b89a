namespace Playstream.Core.Generation;

/// <summary>What one generated play is, apart from its id and time.</summary>
internal readonly record struct GeneratedPlay(int Customer, int Track, int Zip, bool IsMobile);
