using System.Globalization;
using Microsoft.Playwright;
using Playstream.Dashboard.Api;
using Playstream.Dashboard.Server;
using Playstream.Dashboard.Sources;
using Playstream.Embedded.Runs;

namespace Playstream.Dashboard.Tests.Browser;

/// <summary>
/// The page in a real browser, over a followed run of <see cref="KnownInput"/>: it loads with no
/// console errors, draws its charts, shows the store's numbers, and picks up an appended play
/// by server push, without a reload.
/// </summary>
public sealed class DashboardPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime, IDisposable
{
    private const float WaitMs = 30_000;
    private readonly KnownInput _input = new();
    private readonly CancellationTokenSource _stopFollowing = new();
    private readonly List<string> _consoleErrors = [];
    private Task<EmbeddedRunReport> _following = null!;
    private DashboardServer _server = null!;
    private EmbeddedStoreSource _source = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        var firstWrite = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _following = Task.Run(() => FollowingRunner.RunAsync(_input.RunOptions, TimeSpan.FromMilliseconds(200), _ => firstWrite.TrySetResult(), _stopFollowing.Token));
        await Task.WhenAny(firstWrite.Task, _following);
        if (_following.IsFaulted) await _following;
        _source = new EmbeddedStoreSource(_input.StorePath);
        _server = await DashboardServer.StartAsync(_source, new DashboardOptions { Port = 0, PollInterval = TimeSpan.FromMilliseconds(200) });
        _page = await chromium.Context.NewPageAsync();
        _page.Console += (_, message) => { if (message.Type == "error") _consoleErrors.Add(message.Text); };
        _page.PageError += (_, error) => _consoleErrors.Add(error);
        await _page.GotoAsync(_server.Url);
        await Assertions.Expect(_page.GetByTestId("kpi-events")).ToHaveTextAsync("60", new() { Timeout = WaitMs });
        // The one broken line, by reason, in plain sight (late plays of an endless stream show the same way).
        await Assertions.Expect(_page.GetByTestId("kpi-dead-reasons")).ToHaveTextAsync("field_count 1", new() { Timeout = WaitMs });
    }

    public async Task DisposeAsync()
    {
        await _page.CloseAsync();
        await _server.DisposeAsync();
        await _stopFollowing.CancelAsync();
        await _following;
    }

    public void Dispose()
    {
        _stopFollowing.Dispose();
        _input.Dispose();
    }

    [Fact]
    public async Task The_page_loads_without_console_errors_and_draws_its_charts()
    {
        foreach (var chart in new[] { "chart-activity", "chart-gender", "chart-level", "chart-age" })
        {
            var host = _page.GetByTestId(chart);
            await Assertions.Expect(host.Locator("canvas")).ToHaveCountAsync(1, new() { Timeout = WaitMs });
            var points = int.Parse(await host.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture);
            Assert.True(points > 0, $"{chart} has no points");
        }
        Directory.CreateDirectory(ArtifactsFolder);
        await _page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "dashboard.png"), FullPage = true });
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task The_top_tracks_and_the_window_plays_shown_are_the_stores()
    {
        var view = new DashboardView(await _source.LoadAsync(), await _source.VersionAsync());
        var top = view.TopTracks(null);

        await Assertions.Expect(_page.GetByTestId("window-plays")).ToHaveTextAsync(top.WindowPlays.ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = WaitMs });
        foreach (var gender in top.Genders)
        {
            var list = _page.Locator($"[data-testid=top-tracks] .top-list[data-gender='{gender.Gender}']");
            var titles = await list.Locator(".title").AllTextContentsAsync();
            var plays = await list.Locator(".plays").AllTextContentsAsync();
            Assert.Equal(gender.Tracks.Select(t => t.Title), titles);
            Assert.Equal(gender.Tracks.Select(t => t.Plays.ToString("N0", CultureInfo.InvariantCulture)), plays);
        }
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Picking_another_window_shows_its_plays()
    {
        var view = new DashboardView(await _source.LoadAsync(), await _source.VersionAsync());
        var start = KnownInput.FirstTime;
        await _page.GetByTestId("top-window").SelectOptionAsync(start.ToString(CultureInfo.InvariantCulture));

        await Assertions.Expect(_page.GetByTestId("window-plays")).ToHaveTextAsync(view.TopTracks(start).WindowPlays.ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = WaitMs });
    }

    [Fact]
    public async Task A_play_appended_while_the_page_is_open_shows_up_without_a_reload()
    {
        var navigations = 0;
        _page.FrameNavigated += (_, _) => navigations++;
        var last = KnownInput.TimeOf(KnownInput.Plays - 1);
        await File.AppendAllTextAsync(_input.EventsFile, KnownInput.Line(999, 3, 4, last + 60, mobile: true, "90210") + "\n");

        await Assertions.Expect(_page.GetByTestId("kpi-events")).ToHaveTextAsync("61", new() { Timeout = WaitMs });
        await Assertions.Expect(_page.GetByTestId("zips")).ToContainTextAsync("90210", new() { Timeout = WaitMs });
        Assert.Equal(0, navigations);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task A_customer_lookup_shows_the_profile()
    {
        await _page.GetByTestId("lookup-id").FillAsync("1");
        await _page.GetByTestId("lookup-id").PressAsync("Enter");

        await Assertions.Expect(_page.GetByTestId("customer")).ToContainTextAsync("Ben Ortiz", new() { Timeout = WaitMs });
        await Assertions.Expect(_page.GetByTestId("customer-plays")).ToHaveTextAsync("12");
    }

    /// <summary>artifacts/ at the repository root (the test runs from artifacts/bin/...).</summary>
    private static string ArtifactsFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && dir.Name != "artifacts")
                dir = dir.Parent;
            return dir?.FullName ?? Path.Combine(Path.GetTempPath(), "playstream-artifacts");
        }
    }
}
