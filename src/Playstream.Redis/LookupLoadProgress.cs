namespace Playstream.Redis;

/// <summary>How far a load has come: <paramref name="Written"/> of <paramref name="Total"/> rows.</summary>
public readonly record struct LookupLoadProgress(string Kind, int Written, int Total);
