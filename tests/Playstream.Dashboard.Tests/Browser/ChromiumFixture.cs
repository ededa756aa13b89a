using Microsoft.Playwright;

namespace Playstream.Dashboard.Tests.Browser;

/// <summary>
/// One headless Chromium for the browser tests: the system's <c>/usr/bin/chromium</c> (test.sh
/// installs Debian's package), driven by Playwright, with the flags that keep it off the
/// network and a fresh profile.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "playstream-chromium-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public IBrowserContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (test.sh does)");
        _playwright = await Playwright.CreateAsync();
        Context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
    }

    public async Task DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright?.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}
