using System.Net.Http.Json;
using System.Text.Json;
using Playstream.Embedded.Runs;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary><c>playstream dashboard --store</c> as a process: it says where it serves, answers there, and SIGTERM stops it cleanly.</summary>
public sealed class DashboardCommandTests
{
    [Fact]
    public async Task It_serves_a_stores_results_at_the_address_it_prints_until_stopped()
    {
        using var folder = new TempFolder();
        var report = await EmbeddedRunner.RunAsync(new EmbeddedRunOptions
        {
            EventFiles = [Fixtures.Plays], CustomersFile = Fixtures.Customers, TracksFile = Fixtures.Tracks, StorePath = folder.File("store.db"),
        });
        using var dashboard = new RunningCli(folder.Path, "dashboard", "--store", report.StorePath, "--port", "0");

        var line = dashboard.WaitForLine("dashboard: http://127.0.0.1:");
        dashboard.WaitForLine(report.StorePath); // on the same line, or the next when the console wraps it
        var url = new Uri(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        using var http = new HttpClient();
        var overview = await http.GetFromJsonAsync<JsonElement>(new Uri(url, "api/overview"));
        Assert.Equal(Fixtures.PlayCount, overview.GetProperty("events").GetInt64());

        dashboard.Terminate(TimeSpan.FromSeconds(30));
        Assert.Equal(0, dashboard.ExitCode);
    }

    [Fact]
    public void Binding_beyond_loopback_warns_that_anyone_can_read_the_results()
    {
        using var folder = new TempFolder();
        using var dashboard = new RunningCli(folder.Path, "dashboard", "--store", folder.File("nothing-yet.db"), "--port", "0", "--host", "0.0.0.0");

        dashboard.WaitForLine("bound to 0.0.0.0");
        dashboard.WaitForLine("anyone who can reach this address can read the results");
        dashboard.Terminate(TimeSpan.FromSeconds(30));
        Assert.Equal(0, dashboard.ExitCode);
    }
}
