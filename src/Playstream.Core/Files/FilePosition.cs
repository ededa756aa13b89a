using System.Text.Json;

namespace Playstream.Core.Files;

/// <summary>
/// Where reading one followed file got to, as the shipper's positions and a followed run's
/// checkpoint both keep it (in one encoding: <see cref="WriteTo"/>, <see cref="ReadFrom"/>).
/// </summary>
/// <param name="Path">Where the file was when the position was taken. A followed run knows its event files
/// by their full path; the shipper knows files by <paramref name="Identity"/> and keeps the path for people.</param>
/// <param name="Identity">Device and inode.</param>
/// <param name="Fingerprint">The file's first bytes, to tell it from another file under the same path or inode.</param>
/// <param name="Offset">Byte offset right after the last line taken (a line boundary): where reading resumes.</param>
/// <param name="Line">The number of lines before <paramref name="Offset"/>, which the next line's number follows;
/// 0 when they were not counted (the shipper, whose keys carry byte offsets, resumes by the offset alone).</param>
/// <param name="Generation">How many times the file was read again from its start after a truncation
/// (the shipper's source ids carry it, so it must outlive a crash).</param>
/// <param name="LastSeen">When the file was last found (the shipper forgets files long gone).</param>
public sealed record FilePosition(
    string Path, FileIdentity Identity, Fingerprint Fingerprint, long Offset, long Line, int Generation, DateTimeOffset LastSeen)
{
    /// <summary>Writes the position as one JSON object (the shipper's positions file holds an array of them).</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("path", Path);
        json.WriteNumber("offset", Offset);
        json.WriteNumber("line", Line);
        json.WriteNumber("device", Identity.Device);
        json.WriteNumber("inode", Identity.Inode);
        json.WriteNumber("fingerprint_length", Fingerprint.Length);
        json.WriteString("fingerprint", Fingerprint.Hash);
        json.WriteString("last_seen", LastSeen);
        json.WriteNumber("generation", Generation);
        json.WriteEndObject();
    }

    /// <summary>A position written by <see cref="WriteTo"/>, or by an earlier shipper (without "line" or "generation": 0).</summary>
    /// <exception cref="InvalidDataException">Not a position, or a damaged one.</exception>
    public static FilePosition ReadFrom(JsonElement json)
    {
        try
        {
            var position = new FilePosition(
                json.GetProperty("path").GetString() ?? "",
                new FileIdentity(json.GetProperty("device").GetUInt64(), json.GetProperty("inode").GetUInt64()),
                new Fingerprint(json.GetProperty("fingerprint_length").GetInt32(), json.GetProperty("fingerprint").GetString() ?? ""),
                json.GetProperty("offset").GetInt64(),
                json.TryGetProperty("line", out var line) ? line.GetInt64() : 0,
                json.TryGetProperty("generation", out var generation) ? generation.GetInt32() : 0,
                json.GetProperty("last_seen").GetDateTimeOffset());
            if (position.Offset < 0 || position.Line < 0 || position.Generation < 0
                || position.Fingerprint.Length is < 0 or > Fingerprint.MaxLength)
                throw new InvalidDataException($"the position of {position.Path} is damaged");
            return position;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"not a file position: {e.Message}", e);
        }
    }
}
