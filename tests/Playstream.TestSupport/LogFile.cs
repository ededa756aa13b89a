namespace Playstream.TestSupport;

/// <summary>An event log's lines as the file holds them, for tests that must see its exact bytes.</summary>
public static class LogFile
{
    /// <summary>
    /// Every line's bytes, split at <c>\n</c> only: a CRLF line keeps its <c>\r</c> and a line
    /// that is not UTF-8 keeps its bytes. Blank lines are included; a last line needs no <c>\n</c>.
    /// </summary>
    public static IEnumerable<byte[]> Lines(string path)
    {
        var bytes = File.ReadAllBytes(path);
        for (var start = 0; start < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
                end = bytes.Length;
            yield return bytes[start..end];
            start = end + 1;
        }
    }
}
