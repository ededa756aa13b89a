using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Playstream.TestSupport;

/// <summary>One scrape of a Prometheus text page, read into samples that tests look up by name and labels.</summary>
public sealed partial class Scrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public Scrape(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
                labels[label.Groups["k"].Value] = label.Groups["v"].Value;
            _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public static async Task<Scrape> FromAsync(HttpClient http, Uri metrics) => new(await http.GetStringAsync(metrics));

    /// <summary>A page as <paramref name="export"/> writes it (a registry's text export), read without a server.</summary>
    public static async Task<Scrape> FromAsync(Func<Stream, Task> export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var buffer = new MemoryStream();
        await export(buffer);
        return new Scrape(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The samples of a metric whose labels include every pair given.</summary>
    public IReadOnlyList<(Dictionary<string, string> Labels, double Value)> All(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
            .Select(s => (s.Labels, s.Value)).ToList();

    /// <summary>The one sample of a metric with these labels, or null when it is not on the page.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels) =>
        All(name, labels) is [var one] ? one.Value : null;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>[^""]*)""")]
    private static partial Regex LabelPair();
}
