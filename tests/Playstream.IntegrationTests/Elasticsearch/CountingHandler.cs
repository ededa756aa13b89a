using System.Net;
using System.Text;

namespace Playstream.IntegrationTests.Elasticsearch;

/// <summary>
/// Passes every request on to the real server and keeps what the bulk requests carried; a test
/// can hold each bulk request back a while (so requests overlap), or answer some bulk requests
/// itself (a dead connection, a server refusing items with 429) without passing them on.
/// </summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Lock _gate = new();
    private readonly List<string> _bulks = [];
    private int _inFlight;
    private int _mostInFlight;
    private int _bulksSeen;

    /// <summary>How long each bulk request waits before it is passed on.</summary>
    public TimeSpan Hold { get; init; }

    /// <summary>Answers the n-th bulk request (from 1) itself: null passes it on; a function of its body answers it.</summary>
    public Func<int, string, HttpResponseMessage?> Interfere { get; init; } = (_, _) => null;

    /// <summary>The bodies of the bulk requests the server got, in the order they were sent.</summary>
    public IReadOnlyList<string> Bulks
    {
        get
        {
            lock (_gate)
                return [.. _bulks];
        }
    }

    /// <summary>The most bulk requests that were in flight at once.</summary>
    public int MostInFlight => Volatile.Read(ref _mostInFlight);

    /// <summary>A bulk answer refusing every item of a body with 429, as a server whose write queue is full does.</summary>
    public static HttpResponseMessage RefuseAll(string body)
    {
        var items = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 0)
            .Select(_ => """{"index":{"status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution (queue capacity 50)"}}}""");
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($"{{\"took\":1,\"errors\":true,\"items\":[{string.Join(',', items)}]}}", Encoding.UTF8, "application/json"),
        };
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsolutePath.EndsWith("/_bulk", StringComparison.Ordinal) != true)
            return await base.SendAsync(request, cancellationToken);
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var seen = Interlocked.Increment(ref _bulksSeen);
        if (Interfere(seen, body) is { } answer)
            return answer;
        var now = Interlocked.Increment(ref _inFlight);
        for (var most = Volatile.Read(ref _mostInFlight); now > most; most = Volatile.Read(ref _mostInFlight))
            Interlocked.CompareExchange(ref _mostInFlight, now, most);
        try
        {
            if (Hold > TimeSpan.Zero)
                await Task.Delay(Hold, cancellationToken);
            lock (_gate)
                _bulks.Add(body);
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
