using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary><c>playstream demo --no-dashboard</c> on a small sample: generated once, reused, run, and shown.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public void A_sample_is_generated_once_run_and_shown_and_the_next_demo_reuses_it()
    {
        using var folder = new TempFolder();
        var store = folder.File("store.db");

        var first = CliProcess.Run(folder.Path, "demo", "--plays", "3000", "--no-dashboard", "--store", store);
        var second = CliProcess.Run(folder.Path, "demo", "--plays", "3000", "--no-dashboard", "--store", store);

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("generating a sample of 3,000 plays", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("generating", second.Output, StringComparison.Ordinal);
        Assert.Contains("using the sample in", second.Output, StringComparison.Ordinal);
        foreach (var shown in new[] { "top tracks by gender", "busiest 30-minute windows", "unique tracks", "interests" })
            Assert.Contains(shown, second.Output, StringComparison.Ordinal);
        using var reader = new StoreReader(store);
        Assert.Equal(3000, reader.ReadResults().Summary.Events);
        Assert.Equal(3000, reader.CountPlays());
        Assert.Equal("finished", reader.RunInfo().State);
    }

    [Fact]
    public void Given_event_files_are_run_instead_of_a_sample()
    {
        using var folder = new TempFolder();
        var store = folder.File("store.db");

        var demo = CliProcess.Run(folder.Path, "demo", "--events", Fixtures.Plays, "--customers", Fixtures.Customers, "--tracks", Fixtures.Tracks,
            "--no-dashboard", "--store", store);

        Assert.True(demo.ExitCode == 0, demo.Error + demo.Output);
        Assert.DoesNotContain("sample", demo.Output, StringComparison.Ordinal);
        using var reader = new StoreReader(store);
        Assert.Equal(Fixtures.PlayCount, reader.ReadResults().Summary.Events);
    }
}
