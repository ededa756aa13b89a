using System.Diagnostics;
using Playstream.IntegrationTests.Kafka;

namespace Playstream.IntegrationTests.Cluster;

/// <summary>
/// The stack's own scripts, run from the tests: <c>stack/cluster.sh</c> for brokers 1 and 2
/// beside the stack's broker 0, and <c>stack/stack.sh up</c> to bring the stack's broker back.
/// The ports follow the broker and ZooKeeper the tests are pointed at.
/// </summary>
internal static class StackScripts
{
    public static string Folder()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "stack", "cluster.sh")))
                return Path.Combine(d.FullName, "stack");
        throw new InvalidOperationException("stack/cluster.sh not found above the test binaries");
    }

    /// <summary>The stack's data, logs and pid files: PLAYSTREAM_STACK_DIR or .playstream/stack at the repo root.</summary>
    public static string StackDirectory() =>
        Environment.GetEnvironmentVariable("PLAYSTREAM_STACK_DIR") is { Length: > 0 } dir ? dir : Path.Combine(Path.GetDirectoryName(Folder())!, ".playstream", "stack");

    public static int KafkaPort(KafkaBroker kafka) => PortOf(kafka.BootstrapServers.Split(',')[0]);

    /// <summary>Every broker of the cluster: the stack's and the two <c>cluster.sh</c> starts on the next ports.</summary>
    public static string ClusterBootstrap(KafkaBroker kafka)
    {
        var port = KafkaPort(kafka);
        return $"127.0.0.1:{port},127.0.0.1:{port + 1},127.0.0.1:{port + 2}";
    }

    public static void Cluster(KafkaBroker kafka, params string[] arguments) => Run(kafka, "cluster.sh", arguments);

    public static void StackUp(KafkaBroker kafka) => Run(kafka, "stack.sh", "up");

    /// <summary>kill -9 of the stack's own broker, as a crash would.</summary>
    public static void KillStackBroker()
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(StackDirectory(), "run", "kafka.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var broker = Process.GetProcessById(pid);
        broker.Kill();
        Assert.True(broker.WaitForExit(TimeSpan.FromSeconds(30)), "the broker did not die");
    }

    private static void Run(KafkaBroker kafka, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Folder(), script));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["PLAYSTREAM_KAFKA_PORT"] = KafkaPort(kafka).ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PLAYSTREAM_ZK_PORT"] = PortOf(kafka.Options().ZooKeeperConnect!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"{script} {string.Join(' ', arguments)} did not finish");
        Assert.True(process.ExitCode == 0, $"{script} {string.Join(' ', arguments)} failed: {error.Result}{output.Result}");
    }

    private static int PortOf(string hostPort) =>
        int.Parse(hostPort[(hostPort.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
