namespace Playstream.Core.Operators.Breakdowns;

/// <summary>Plays from one listening zip code over all time; <see cref="ZipKey.Other"/> gathers the empty and non-numeric ones.</summary>
public sealed record ZipPlays(string Zip, long Plays);
