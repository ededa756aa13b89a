using System.Text;

namespace Playstream.Core.Generation;

/// <summary>RFC 4180 field quoting for the generated CSV files.</summary>
internal static class CsvText
{
    /// <summary>The field wrapped in double quotes, inner quotes doubled (how the customer file writes text).</summary>
    public static string Quoted(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    /// <summary>The field as is, or quoted when it holds a comma, a quote or a line break (how the track file writes text).</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? Quoted(value) : value;

    /// <summary>A writer for generated files: UTF-8 without a byte order mark, <c>\n</c> line ends.</summary>
    public static StreamWriter CreateWriter(Stream destination) =>
        new(destination, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
}
