using System.Net;
using System.Text;

namespace Playstream.Elasticsearch.Tests.Transport;

/// <summary>A recorded request: what the client sent.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Url, string? Body, string? ContentType, string? Authorization);

/// <summary>
/// An HTTP handler that answers from a script, in order, and records every request. A step
/// is a function of the request: it returns an answer or throws (to play a dead connection).
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<RecordedRequest, HttpResponseMessage>> _steps = new();

    public List<RecordedRequest> Requests { get; } = [];

    public ScriptedHandler Answer(HttpStatusCode status, string body = "{}") =>
        Then(_ => Json(status, body));

    public ScriptedHandler Refuse() =>
        Then(_ => throw new HttpRequestException("Connection refused"));

    public ScriptedHandler Then(Func<RecordedRequest, HttpResponseMessage> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            body,
            request.Content?.Headers.ContentType?.MediaType,
            request.Headers.Authorization?.ToString());
        Requests.Add(recorded);
        if (_steps.Count == 0)
        {
            throw new InvalidOperationException($"unscripted request {request.Method} {request.RequestUri}");
        }
        return _steps.Dequeue()(recorded);
    }
}
