using System.Diagnostics;
using System.Globalization;
using System.Text;
using Playstream.Shipping;
using Playstream.Shipping.Sinks;

namespace Playstream.Cli.Commands;

/// <summary>
/// The live status of a shipper on stderr: lines per second, bytes, acknowledged lines and how far
/// behind the end of each file it is. Rewritten in place on a terminal; a plain line every ten
/// seconds when stderr is a file or a pipe.
/// </summary>
internal sealed class ShipStatusLine : IDisposable
{
    private const int FilesShown = 3;
    private readonly Shipper _shipper;
    private readonly ILineSink _sink;
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Timer _timer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _lastLines;
    private TimeSpan _lastTime;
    private TimeSpan _lastPrinted;
    private bool _shown;

    public ShipStatusLine(Shipper shipper, ILineSink sink)
    {
        _shipper = shipper;
        _sink = sink;
        _timer = new Timer(_ => Update(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Prints a notice on its own line, keeping the status line below it.</summary>
    public void Notice(string text)
    {
        lock (_gate)
        {
            Clear();
            Console.Error.WriteLine($"ship: {text}");
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_gate)
            Clear();
    }

    private void Update()
    {
        lock (_gate)
        {
            var now = _clock.Elapsed;
            var lines = _shipper.Counters.LinesSent;
            var rate = (lines - _lastLines) / Math.Max(1e-3, (now - _lastTime).TotalSeconds);
            _lastLines = lines;
            _lastTime = now;
            var text = Format(lines, rate);
            if (_terminal)
            {
                Console.Error.Write($"\r{text}\u001b[K");
                _shown = true;
            }
            else if (now - _lastPrinted >= TimeSpan.FromSeconds(10))
            {
                Console.Error.WriteLine(text);
                _lastPrinted = now;
            }
        }
    }

    private string Format(long lines, double rate)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ship: {lines:N0} lines ({rate:N0}/s), {Bytes(_shipper.Counters.BytesSent)}, acked {_sink.Acknowledged:N0}");
        var files = _shipper.Progress();
        if (files.Count > 0)
        {
            text.Append(" | behind:");
            foreach (var file in files.OrderByDescending(f => f.Behind).Take(FilesShown))
                text.Append(' ').Append(Path.GetFileName(file.Path)).Append(' ').Append(Bytes(file.Behind)).Append(',');
            text.Length--;
            if (files.Count > FilesShown)
                text.Append(CultureInfo.InvariantCulture, $" (+{files.Count - FilesShown} files)");
        }
        if (_sink.Trouble is { } trouble)
            text.Append(" | ").Append(trouble);
        return text.ToString();
    }

    private void Clear()
    {
        if (_shown)
            Console.Error.Write("\r\u001b[K");
        _shown = false;
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):F2} GiB"),
    };
}
