using System.Text;
using BenchmarkDotNet.Attributes;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;

namespace Playstream.Benchmarks;

/// <summary>
/// The per-play hot path: parse a line from UTF-8 bytes, look up the customer and track,
/// feed every operator. [MemoryDiagnoser] shows the allocations, which must stay at zero.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private const int Lines = 100_000;
    private byte[][] _lines = [];
    private LookupTables _lookups = LookupTables.Empty();
    private PartitionAnalytics _analytics = new(AnalyticsSettings.Default);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var start = new DateTime(2014, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        _lines = new byte[Lines][];
        for (var i = 0; i < Lines; i++)
        {
            var time = start.AddSeconds(random.Next(90 * 86400));
            _lines[i] = Encoding.UTF8.GetBytes($"{i},{random.Next(5000)},{random.Next(1750)},\"{time:yyyy-MM-dd HH:mm:ss}\",{random.Next(2)},\"{random.Next(10000, 99999)}\"");
        }
        var customers = new CustomerTable();
        for (var c = 0; c < 5000; c++)
            customers.Set(new Customer(c, "n", (c % 2).ToString(System.Globalization.CultureInfo.InvariantCulture), "a", "z", "s", "1", "0", "1", "0", null));
        var tracks = new TrackTable();
        for (var t = 0; t < 1750; t++)
            tracks.Set(new Track(t, "t", "a", 200));
        _lookups = new LookupTables(customers, tracks);
        _analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        RunAll(); // grow every table to its working size once
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long Parse()
    {
        long sum = 0;
        foreach (var line in _lines)
            if (EventParser.TryParse(line, out var play, out _, out _))
                sum += play.Time;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public long ParseEnrichAndAdd() => RunAll();

    private long RunAll()
    {
        var customers = _lookups.Customers;
        var tracks = _lookups.Tracks;
        foreach (var line in _lines)
        {
            if (EventParser.TryParse(line, out var play, out _, out _))
                _analytics.Add(play, customers.GenderSlot(play.CustomerId), customers.Contains(play.CustomerId), tracks.Contains(play.TrackId));
        }
        return _analytics.Events;
    }
}
