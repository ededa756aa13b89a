namespace Playstream.Dashboard.Api;

/// <summary>Plays from one listening zip code.</summary>
public sealed record ZipRow(string Zip, long Plays);
