using System.Text;

namespace Playstream.Core.Tests.Generation;

/// <summary>A scratch directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "playstream-gen-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Plain test-side readers, written independently of the generator's code.</summary>
internal static class TestCsv
{
    /// <summary>Splits one RFC 4180 record: fields may be quoted, "" inside quotes is one quote.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                if (field.Length != 0)
                    throw new FormatException($"quote inside an unquoted field: {line}");
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
            throw new FormatException($"unterminated quote: {line}");
        fields.Add(field.ToString());
        return fields;
    }

    /// <summary>The lines of a UTF-8 text without their '\n' ends; fails on '\r' or a missing last line end.</summary>
    public static string[] Lines(byte[] utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        Assert.DoesNotContain('\r', text);
        if (text.Length == 0)
            return [];
        Assert.EndsWith("\n", text);
        return text[..^1].Split('\n');
    }

    public static string[] Lines(string path) => Lines(System.IO.File.ReadAllBytes(path));
}

/// <summary>One parsed event line.</summary>
public readonly record struct TestEvent(long Id, int Customer, int Track, DateTime Time, bool Mobile, string Zip)
{
    /// <summary>Parses <c>id,customer,track,"yyyy-MM-dd HH:mm:ss",0|1,"zip"</c> strictly, with plain string code.</summary>
    public static TestEvent Parse(string line)
    {
        var f = line.Split(',');
        Assert.True(f.Length == 6, $"expected 6 fields: {line}");
        Assert.True(f[3].Length == 21 && f[3][0] == '"' && f[3][20] == '"', $"datetime not quoted as in the seed: {line}");
        Assert.True(f[5].Length >= 2 && f[5][0] == '"' && f[5][^1] == '"', $"zip not quoted: {line}");
        Assert.True(f[4] is "0" or "1", $"ismobile not 0/1: {line}");
        var t = f[3][1..20];
        Assert.True(t[4] == '-' && t[7] == '-' && t[10] == ' ' && t[13] == ':' && t[16] == ':', $"bad datetime: {line}");
        var time = new DateTime(
            int.Parse(t[..4]), int.Parse(t[5..7]), int.Parse(t[8..10]),
            int.Parse(t[11..13]), int.Parse(t[14..16]), int.Parse(t[17..19]), DateTimeKind.Utc);
        return new TestEvent(long.Parse(f[0]), int.Parse(f[1]), int.Parse(f[2]), time, f[4] == "1", f[5][1..^1]);
    }
}
