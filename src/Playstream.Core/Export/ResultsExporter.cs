using System.Buffers;
using System.Text.Json;
using Playstream.Core.Results;

namespace Playstream.Core.Export;

/// <summary>
/// Writes results to a folder as the contract lists them: one JSON Lines file per analytic
/// (one object per line) plus the two single-object files. Lines come in key order.
/// </summary>
public static class ResultsExporter
{
    public static void Write(AnalyticsResults results, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(directory);
        WriteLines(Path.Combine(directory, ExportFiles.Activity), results.Activity, ResultJson.WriteActivity);
        WriteLines(Path.Combine(directory, ExportFiles.TopTracks), results.TopTracks, ResultJson.WriteTopTracks);
        WriteLines(Path.Combine(directory, ExportFiles.Profiles), results.Profiles, ResultJson.WriteProfiles);
        WriteLines(Path.Combine(directory, ExportFiles.ProfileSummary), [results.ProfileSummary], ResultJson.WriteProfileSummary);
        WriteLines(Path.Combine(directory, ExportFiles.UniqueTracks), results.UniqueTracks, ResultJson.WriteUniqueTracks);
        WriteLines(Path.Combine(directory, ExportFiles.Interests), results.Interests, ResultJson.WriteInterests);
        WriteLines(Path.Combine(directory, ExportFiles.Summary), [results.Summary], ResultJson.WriteSummary);
    }

    /// <summary>Bytes gathered in memory before they go to the file.</summary>
    private const int ChunkBytes = 1 << 20;

    /// <summary>Writes each item as one JSON object on its own line (a single-object file is one such line).</summary>
    /// <remarks>
    /// Lines are written into a memory buffer, which goes to the file a megabyte at a time: a writer
    /// flushed into a file stream would flush the stream too, one write call per line.
    /// </remarks>
    private static void WriteLines<T>(string path, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes + (1 << 16));
        using var json = new Utf8JsonWriter(buffer);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeFields(json, item);
            json.WriteEndObject();
            json.Flush();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            // A writer holds one top-level value; reset it for the next line.
            json.Reset(buffer);
            if (buffer.WrittenCount >= ChunkBytes)
            {
                stream.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }
        stream.Write(buffer.WrittenSpan);
    }
}
