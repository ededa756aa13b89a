using System.Globalization;
using static Playstream.Core.Generation.WordLists;

namespace Playstream.Core.Generation;

/// <summary>
/// Writes <c>music.csv</c> in the seed file's style: unquoted, ids grouped by artist in name
/// order, lengths 120-359 seconds. Unlike the seed, a title or artist holding a comma is
/// quoted as RFC 4180 says, so the file reads back with any CSV reader.
/// </summary>
internal static class TrackFileWriter
{
    public const string Header = "TrackId,Title,Artist,Length";
    public const int MinLength = 120, MaxLength = 359;

    public static void Write(Stream destination, int tracks, long seed)
    {
        var rng = new Xoshiro256StarStar(SplitMix64.Derive(seed, RandomStream.TrackCatalog));
        var artists = Artists(ref rng, tracks);
        using var writer = CsvText.CreateWriter(destination);
        writer.WriteLine(Header);
        var id = 0;
        foreach (var (artist, count) in artists)
        {
            for (var i = 0; i < count; i++, id++)
            {
                // Triangular 120-359 s: most songs three to four minutes, few very short or long.
                var length = MinLength + (rng.NextInt(120) + rng.NextInt(121));
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{id},{CsvText.Field(Title(ref rng))},{CsvText.Field(artist)},{length}"));
            }
        }
    }

    /// <summary>Distinct artists in ordinal name order, each with how many tracks it has; the counts add up to <paramref name="tracks"/>.</summary>
    private static List<(string Artist, int Tracks)> Artists(ref Xoshiro256StarStar rng, int tracks)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, int)>();
        var left = tracks;
        while (left > 0)
        {
            var name = Artist(ref rng);
            for (var attempt = 2; !names.Add(name); attempt++)
                name = string.Create(CultureInfo.InvariantCulture, $"{name} {attempt}");
            var count = Math.Min(left, rng.NextInt(1, 19));
            result.Add((name, count));
            left -= count;
        }
        result.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return result;
    }

    internal static string Artist(ref Xoshiro256StarStar rng)
    {
        var roll = rng.NextInt(100);
        if (roll < 35)
            return "The " + Pick(ref rng, WordLists.TitleAdjectives) + " " + Pick(ref rng, WordLists.BandNouns);
        if (roll < 70)
            return Pick(ref rng, WordLists.FirstNames) + " " + Surname(ref rng);
        if (roll < 90)
            return Pick(ref rng, WordLists.TitleAdjectives) + " " + Pick(ref rng, WordLists.TitleNouns);
        if (roll < 97)   // the trio billed with commas, the case the seed file quoted wrongly
            return Surname(ref rng) + ", " + Surname(ref rng) + " & " + Surname(ref rng);
        return Pick(ref rng, WordLists.FirstNames) + " " + Surname(ref rng) + " and the " + Pick(ref rng, WordLists.BandNouns);
    }

    internal static string Title(ref Xoshiro256StarStar rng)
    {
        var roll = rng.NextInt(100);
        return roll switch
        {
            < 30 => Pick(ref rng, WordLists.TitleAdjectives) + " " + Pick(ref rng, WordLists.TitleNouns),
            < 45 => Pick(ref rng, WordLists.TitleVerbs) + " " + Pick(ref rng, WordLists.TitlePrepositions) + " the " + Pick(ref rng, WordLists.TitleNouns),
            < 60 => Pick(ref rng, WordLists.TitleNouns) + " of the " + Pick(ref rng, WordLists.TitleNouns),
            < 70 => Pick(ref rng, WordLists.TitleCalls),
            < 75 => Pick(ref rng, WordLists.TitleCalls) + ", " + Pick(ref rng, WordLists.TitleNouns),
            < 85 => Pick(ref rng, WordLists.TitleVerbs),
            _ => Pick(ref rng, WordLists.TitleAdjectives) + " " + Pick(ref rng, WordLists.TitleNouns) + " " + Pick(ref rng, WordLists.TitleNouns),
        };
    }
}
