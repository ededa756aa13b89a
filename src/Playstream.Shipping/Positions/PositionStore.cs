using System.Text.Json;
using Playstream.Core.Files;

namespace Playstream.Shipping.Positions;

/// <summary>
/// The acknowledged position of every file one shipper has shipped to one topic, kept in
/// <c>DIR/TOPIC.positions.json</c>, each in the one encoding of a kept <see cref="FilePosition"/>.
/// Saving writes a temporary file, flushes it to disk and renames it over the old one, so a crash
/// at any moment leaves either the old positions or the new, never a mix. A lock file keeps a second shipper of the same topic from using the same positions.
/// </summary>
public sealed class PositionStore : IDisposable
{
    private const int FormatVersion = 1;
    private readonly FileStream _lock;

    /// <exception cref="IOException">Another shipper holds these positions.</exception>
    public PositionStore(string directory, string topic)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(Path.GetFullPath(directory), topic + ".positions.json");
        var lockPath = Path.Combine(Path.GetFullPath(directory), topic + ".lock");
        try
        {
            _lock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"another shipper is using the positions in {FilePath} ({e.Message})", e);
        }
    }

    public string FilePath { get; }

    /// <summary>Whether the last save was made by a clean stop (false also when there is no file yet).</summary>
    public bool LastStopWasClean { get; private set; }

    /// <summary>The saved positions, by identity; empty when nothing was saved yet.</summary>
    /// <exception cref="InvalidDataException">The file is not positions this version can read.</exception>
    public Dictionary<FileIdentity, FilePosition> Load()
    {
        var positions = new Dictionary<FileIdentity, FilePosition>();
        if (!File.Exists(FilePath))
            return positions;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(FilePath));
            var root = document.RootElement;
            if (root.GetProperty("version").GetInt32() != FormatVersion)
                throw new InvalidDataException($"{FilePath} has positions of an unknown format version");
            LastStopWasClean = root.GetProperty("clean").GetBoolean();
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                var position = ReadPosition(file);
                positions[position.Identity] = position;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw NotPositions(e);
        }
        return positions;
    }

    /// <summary>Replaces the saved positions atomically and durably.</summary>
    /// <param name="clean">Whether this is the final save of a clean stop (everything sent was acknowledged).</param>
    public void Save(IEnumerable<FilePosition> positions, bool clean)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var temporary = FilePath + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                Write(json, positions, clean);
            // On disk before the rename: otherwise a power cut could leave a renamed but empty file.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }

    public void Dispose() => _lock.Dispose();

    private FilePosition ReadPosition(JsonElement file)
    {
        try
        {
            return FilePosition.ReadFrom(file);
        }
        catch (InvalidDataException e)
        {
            throw NotPositions(e);
        }
    }

    private InvalidDataException NotPositions(Exception e) => new($"{FilePath} is not a positions file: {e.Message}", e);

    private static void Write(Utf8JsonWriter json, IEnumerable<FilePosition> positions, bool clean)
    {
        json.WriteStartObject();
        json.WriteNumber("version", FormatVersion);
        json.WriteBoolean("clean", clean);
        json.WriteStartArray("files");
        foreach (var position in positions.OrderBy(p => p.Path, StringComparer.Ordinal))
            position.WriteTo(json);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
