using System.Globalization;
using System.Text;

namespace Playstream.IntegrationTests.Shipping;

/// <summary>Event lines for shipping tests: event ids are unique (the line's number), customers cycle through a few ids.</summary>
internal static class ShipLog
{
    public const int Customers = 7;

    public static string Line(int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{number},{number % Customers},{number % 50},2014-10-01 10:{number / 60 % 60:00}:{number % 60:00},{number % 2},9{number % 1000:000}");

    public static string Lines(int from, int count)
    {
        var text = new StringBuilder();
        for (var i = from; i < from + count; i++)
            text.Append(Line(i)).Append('\n');
        return text.ToString();
    }

    /// <summary>The part of a shipper's key before <c>@</c>: the customer_id.</summary>
    public static string CustomerPart(string key) => key[..key.IndexOf('@', StringComparison.Ordinal)];

    public static int EventId(string line) => int.Parse(line.AsSpan(0, line.IndexOf(',', StringComparison.Ordinal)), CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks the topic against the lines that were written: every line is there (exactly once when
    /// <paramref name="exactlyOnce"/>), keyed by its customer and source position, and each
    /// customer's lines are in file order (for repeats, by where each line first appears). Lines
    /// without a readable customer (an empty customer part) may land in any partition.
    /// </summary>
    public static void AssertShipped(IReadOnlyList<TopicContents.Record> records, IReadOnlyList<string> written, bool exactlyOnce)
    {
        var expected = written.ToHashSet(StringComparer.Ordinal);
        var counts = records.GroupBy(r => r.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missing = written.Where(w => !counts.ContainsKey(w)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} lines missing, first: {missing.FirstOrDefault()}");
        var strangers = counts.Keys.Where(v => !expected.Contains(v)).ToList();
        Assert.True(strangers.Count == 0, $"records that were never written: {strangers.FirstOrDefault()}");
        if (exactlyOnce)
        {
            var twice = counts.Where(c => c.Value > 1).ToList();
            Assert.True(twice.Count == 0, $"{twice.Count} lines sent more than once, first: {twice.FirstOrDefault().Key}");
        }
        var order = written.Select((line, index) => (line, index)).ToDictionary(x => x.line, x => x.index, StringComparer.Ordinal);
        foreach (var record in records)
        {
            Assert.NotNull(record.Key);
            Assert.True(Playstream.Core.Streaming.Keys.ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(record.Key), out _), $"key without a position: {record.Key}");
        }
        foreach (var customer in records.GroupBy(r => CustomerPart(r.Key!)).Where(c => c.Key.Length > 0))
        {
            var firsts = customer.Select(r => r.Value).Distinct(StringComparer.Ordinal).Select(v => order[v]).ToList();
            Assert.True(firsts.SequenceEqual(firsts.Order()), $"customer {customer.Key}: lines out of file order");
            Assert.All(customer, r => Assert.Equal(customer.Key, r.Value.Split(',')[1]));
            Assert.Single(customer.Select(r => r.Partition).Distinct());
        }
    }
}
