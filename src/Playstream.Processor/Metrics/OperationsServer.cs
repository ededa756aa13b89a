using System.Net;
using System.Text;

namespace Playstream.Processor.Metrics;

/// <summary>
/// The HTTP endpoint of one <c>process</c> instance: <c>/metrics</c> (Prometheus text format)
/// and <c>/health</c> (JSON, 200 while assigned or waiting, 503 once a sink failed for good).
/// A plain <see cref="HttpListener"/>: no web framework for two read-only pages. Requests are
/// answered one at a time, which is plenty for a scraper and a health probe.
/// </summary>
public sealed class OperationsServer : IAsyncDisposable
{
    private readonly ProcessorMetrics _metrics;
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    /// <param name="host">Address to listen on: 127.0.0.1 by default; 0.0.0.0 (or *) for every interface.</param>
    /// <exception cref="HttpListenerException">The port is taken or the address is not this machine's.</exception>
    public OperationsServer(ProcessorMetrics metrics, string host, int port)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _metrics = metrics;
        Url = new Uri($"http://{ListenHost(host)}:{port}/");
        _listener.Prefixes.Add(Prefix(host, port));
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Where to scrape, e.g. http://127.0.0.1:9464/.</summary>
    public Uri Url { get; }

    private static string Prefix(string host, int port) =>
        host is "0.0.0.0" or "*" or "::" or "+" ? $"http://*:{port}/" : $"http://{ListenHost(host)}:{port}/";

    private static string ListenHost(string host) =>
        host is "0.0.0.0" or "*" or "::" or "+" ? "127.0.0.1" : host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                await AnswerAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The scraper hung up; the next request is answered as usual.
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        switch (context.Request.Url?.AbsolutePath)
        {
            case "/metrics":
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                using (var body = new MemoryStream())
                {
                    await _metrics.Registry.CollectAndExportAsTextAsync(body).ConfigureAwait(false);
                    body.Position = 0;
                    await body.CopyToAsync(response.OutputStream).ConfigureAwait(false);
                }
                break;
            case "/health":
                var health = _metrics.Health();
                response.StatusCode = health.HttpStatus;
                response.ContentType = "application/json";
                await WriteAsync(response, health.ToJson() + "\n").ConfigureAwait(false);
                break;
            case "/":
                response.ContentType = "text/plain; charset=utf-8";
                await WriteAsync(response, "playstream process: /metrics (Prometheus), /health (JSON)\n").ConfigureAwait(false);
                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _listener.Close();
    }
}
