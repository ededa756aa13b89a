namespace Playstream.Redis;

/// <summary>What a load did: rows written, ids deleted because the file no longer has them, and the new lookups version.</summary>
public sealed record LookupLoadReport(string Kind, int Written, int Removed, long Version);
