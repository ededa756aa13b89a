using System.Text.Json;

namespace Playstream.Elasticsearch;

/// <summary>One document found: its id and its source (detached from the response it came in).</summary>
public sealed record SearchHit(string Id, JsonElement Source);
