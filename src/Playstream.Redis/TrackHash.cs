using System.Globalization;
using Playstream.Core.Lookups;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>A track as the playstream layout's hash (<c>playstream:track:{id}</c>): title, artist, length in seconds.</summary>
public static class TrackHash
{
    public const string Title = "title";
    public const string Artist = "artist";
    public const string Length = "length";

    public static HashEntry[] ToEntries(Track track)
    {
        ArgumentNullException.ThrowIfNull(track);
        return
        [
            new(Title, track.Title),
            new(Artist, track.Artist),
            new(Length, track.Length.ToString(CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>The track a hash describes; null for an empty hash or one whose length is not an integer &gt;= 0.</summary>
    public static Track? FromEntries(int id, HashEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Length == 0)
            return null;
        string title = "", artist = "", length = "";
        foreach (var e in entries)
        {
            switch ((string?)e.Name)
            {
                case Title: title = (string?)e.Value ?? ""; break;
                case Artist: artist = (string?)e.Value ?? ""; break;
                case Length: length = (string?)e.Value ?? ""; break;
            }
        }
        return int.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? new Track(id, title, artist, seconds)
            : null;
    }
}
