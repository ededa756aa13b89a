using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Playstream.Dashboard.Sources;

namespace Playstream.Dashboard.Server;

/// <summary>
/// The dashboard's web server: Kestrel serving the page, a JSON API over the latest results,
/// and an event stream (Server-Sent Events) that says "changed" whenever they move on, so the
/// page refetches without a reload.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ResultsCache _cache;

    private DashboardServer(WebApplication app, ResultsCache cache, string url)
    {
        _app = app;
        _cache = cache;
        Url = url;
    }

    /// <summary>The address the page is served at, e.g. <c>http://127.0.0.1:5601/</c>.</summary>
    public string Url { get; }

    public static async Task<DashboardServer> StartAsync(IDashboardSource source, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{FormatHost(options.Host)}:{options.Port}");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);
        var app = builder.Build();
        var cache = new ResultsCache(source, options.PollInterval);
        DashboardEndpoints.Map(app, cache);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"the dashboard cannot listen on {options.Host}:{options.Port}: {e.Message} (choose another with --port)", e);
        }
        cache.Start();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{options.Host}:{options.Port}";
        return new DashboardServer(app, cache, address.TrimEnd('/') + "/");
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> is cancelled (Ctrl-C in the CLI).</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string FormatHost(string host) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;

    public async ValueTask DisposeAsync()
    {
        await _cache.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal static string Seconds(long value) => value.ToString(CultureInfo.InvariantCulture);
}
