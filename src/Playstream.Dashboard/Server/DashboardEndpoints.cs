using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Playstream.Dashboard.Server;

/// <summary>The routes: the page and its assets, <c>/api/*</c> (JSON), <c>/api/events</c> (Server-Sent Events).</summary>
internal static class DashboardEndpoints
{
    private static readonly HashSet<string> Dimensions = ["gender", "level", "age"];

    public static void Map(IEndpointRouteBuilder app, ResultsCache cache)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/overview", async (CancellationToken ct) =>
        {
            var overview = (await cache.CurrentAsync(ct)).Overview();
            return Results.Json(cache.LastError is { } error ? overview with { Hint = $"cannot read the results right now: {error}" } : overview);
        });
        api.MapGet("/activity", async (CancellationToken ct) => Results.Json((await cache.CurrentAsync(ct)).Activity()));
        api.MapGet("/top-tracks", async (long? start, CancellationToken ct) => Results.Json((await cache.CurrentAsync(ct)).TopTracks(start)));
        api.MapGet("/breakdown/{dimension}", async (string dimension, CancellationToken ct) =>
            Dimensions.Contains(dimension)
                ? Results.Json((await cache.CurrentAsync(ct)).Breakdown(dimension))
                : Results.NotFound(new { error = $"no breakdown '{dimension}': use gender, level or age" }));
        api.MapGet("/zips", async (int? limit, CancellationToken ct) => Results.Json((await cache.CurrentAsync(ct)).TopZips(Limit(limit))));
        api.MapGet("/listeners", async (int? limit, CancellationToken ct) => Results.Json((await cache.CurrentAsync(ct)).BusiestListeners(Limit(limit))));
        api.MapGet("/interests", async (int? limit, CancellationToken ct) => Results.Json((await cache.CurrentAsync(ct)).RecentInterests(Limit(limit))));
        api.MapGet("/customers/{id:int}", async (int id, CancellationToken ct) =>
            (await cache.CurrentAsync(ct)).Customer(id) is { } customer
                ? Results.Json(customer)
                : Results.NotFound(new { error = $"customer {id} has no plays and is not in the customer file" }));
        api.MapGet("/events", (HttpContext context) => StreamChangesAsync(context, cache));

        app.MapGet("/", (HttpContext context) => ServeAsset(context, "index.html"));
        app.MapGet("/assets/{*file}", (HttpContext context, string file) => ServeAsset(context, "assets/" + file));
    }

    private static int Limit(int? limit) => Math.Clamp(limit ?? 10, 1, 100);

    /// <summary>
    /// Server-Sent Events: the current version at once, then one <c>changed</c> event per new
    /// version, and a comment every 15 s so proxies keep the connection open.
    /// </summary>
    private static async Task StreamChangesAsync(HttpContext context, ResultsCache cache)
    {
        var ct = context.RequestAborted;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            var view = await cache.CurrentAsync(ct);
            await context.Response.WriteAsync($"retry: 2000\nevent: changed\ndata: {view.Version}\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
            while (!ct.IsCancellationRequested)
            {
                var changed = cache.Changed;
                var finished = await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(15), ct));
                if (finished == changed)
                {
                    view = await cache.CurrentAsync(ct);
                    await context.Response.WriteAsync($"event: changed\ndata: {view.Version}\n\n", ct);
                }
                else
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                }
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    private static async Task ServeAsset(HttpContext context, string path)
    {
        if (path.Contains("..", StringComparison.Ordinal) || PageAssets.Open(path) is not { } stream)
        {
            context.Response.StatusCode = path == "index.html" ? 503 : 404;
            await context.Response.WriteAsync(path == "index.html"
                ? "the dashboard page was not built into this assembly (build src/Playstream.Dashboard/web with npm ci && npm run build)"
                : "not found");
            return;
        }
        await using (stream)
        {
            context.Response.ContentType = PageAssets.ContentType(path);
            // Bundled files carry a content hash in their names, so they never change; the page itself may.
            context.Response.Headers.CacheControl = path.StartsWith("assets/", StringComparison.Ordinal)
                ? "public, max-age=31536000, immutable"
                : "no-cache";
            context.Response.ContentLength = stream.Length;
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
