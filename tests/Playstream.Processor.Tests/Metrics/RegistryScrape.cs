using Playstream.Processor.Metrics;
using Playstream.TestSupport;

namespace Playstream.Processor.Tests.Metrics;

/// <summary>The metrics page of an instance's registry, read without a server, as a scrape would read it.</summary>
internal static class RegistryScrape
{
    public static async Task<Scrape> OfAsync(ProcessorMetrics metrics)
    {
        using var buffer = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(buffer);
        return new Scrape(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
