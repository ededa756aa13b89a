using System.Reflection;

namespace Playstream.Dashboard.Server;

/// <summary>
/// The built page (index.html and its bundled script and styles), kept as resources inside
/// this assembly so the dashboard needs no files beside it and nothing from the internet.
/// </summary>
internal static class PageAssets
{
    private const string Prefix = "wwwroot/";
    private static readonly Assembly Assembly = typeof(PageAssets).Assembly;

    public static bool Exists(string path) => Assembly.GetManifestResourceInfo(Prefix + path) is not null;

    public static Stream? Open(string path) => Assembly.GetManifestResourceStream(Prefix + path);

    public static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
