using System.Diagnostics;
using System.Globalization;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Admin;

/// <summary>
/// Creates and deletes topics on brokers older than 0.10.1, which have no CreateTopics or
/// DeleteTopics API: there only ZooKeeper holds the topic list, and the broker's own
/// <c>kafka.admin.TopicCommand</c> (run from the Kafka distribution's jars) writes to it.
/// </summary>
internal sealed class ZooKeeperTopicTool
{
    public const string KafkaHomeVariable = "PLAYSTREAM_KAFKA_HOME";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private readonly string _zooKeeper;
    private readonly string _classPath;
    private readonly string? _log4jConfig;

    private ZooKeeperTopicTool(string zooKeeper, string classPath, string? log4jConfig)
    {
        _zooKeeper = zooKeeper;
        _classPath = classPath;
        _log4jConfig = log4jConfig;
    }

    /// <exception cref="TopicAdminException">ZooKeeper or the Kafka distribution is not set, or has no jars.</exception>
    public static ZooKeeperTopicTool FromOptions(KafkaOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ZooKeeperConnect))
            throw new TopicAdminException(
                "this broker has no topic admin API (Kafka before 0.10.1): topics are managed through ZooKeeper; " +
                "set --zookeeper or PLAYSTREAM_ZOOKEEPER (e.g. 127.0.0.1:2181)", TopicAdminFailure.NotConfigured);
        var home = options.KafkaHome ?? Environment.GetEnvironmentVariable(KafkaHomeVariable);
        if (string.IsNullOrWhiteSpace(home))
            throw new TopicAdminException(
                $"this broker has no topic admin API (Kafka before 0.10.1): topics are managed with the broker's own tool; " +
                $"set {KafkaHomeVariable} to the Kafka distribution folder (the one holding libs/)", TopicAdminFailure.NotConfigured);
        var libs = Path.Combine(home, "libs");
        if (!Directory.Exists(libs))
            throw new TopicAdminException($"{KafkaHomeVariable}: '{home}' has no libs/ folder; point it at the Kafka distribution", TopicAdminFailure.NotConfigured);
        var jars = RuntimeJars(Directory.GetFiles(libs, "*.jar"));
        if (jars.Count == 0)
            throw new TopicAdminException($"{KafkaHomeVariable}: '{libs}' holds no Kafka jars", TopicAdminFailure.NotConfigured);
        var log4j = Path.Combine(home, "config", "tools-log4j.properties");
        return new ZooKeeperTopicTool(options.ZooKeeperConnect, string.Join(Path.PathSeparator, jars), File.Exists(log4j) ? log4j : null);
    }

    /// <summary>The jars the JVM needs: documentation, source and test jars are left out, sorted for a stable class path.</summary>
    internal static IReadOnlyList<string> RuntimeJars(IEnumerable<string> jars) =>
        jars.Where(j => !(j.EndsWith("-javadoc.jar", StringComparison.Ordinal) || j.EndsWith("-scaladoc.jar", StringComparison.Ordinal)
                          || j.EndsWith("-sources.jar", StringComparison.Ordinal) || j.EndsWith("-test.jar", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();

    public Task CreateAsync(string topic, int partitions, short replication, CancellationToken cancellationToken) =>
        RunAsync(["--create", "--topic", topic,
                  "--partitions", partitions.ToString(CultureInfo.InvariantCulture),
                  "--replication-factor", replication.ToString(CultureInfo.InvariantCulture)], topic, cancellationToken);

    public Task DeleteAsync(string topic, CancellationToken cancellationToken) =>
        RunAsync(["--delete", "--topic", topic], topic, cancellationToken);

    private async Task RunAsync(IReadOnlyList<string> arguments, string topic, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(JavaExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-cp");
        start.ArgumentList.Add(_classPath);
        if (_log4jConfig is not null)
            start.ArgumentList.Add("-Dlog4j.configuration=file:" + _log4jConfig);
        start.ArgumentList.Add("kafka.admin.TopicCommand");
        start.ArgumentList.Add("--zookeeper");
        start.ArgumentList.Add(_zooKeeper);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = StartJava(start);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TopicAdminException($"kafka.admin.TopicCommand did not finish within {CallTimeout.TotalSeconds:0} s (is ZooKeeper at {_zooKeeper} up?)");
        }
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw Failure(topic, output, errors, process.ExitCode);
    }

    /// <summary>The tool prints its one-line reason on stdout as "Error while executing topic command : ...".</summary>
    internal static TopicAdminException Failure(string topic, string stdout, string stderr, int exitCode)
    {
        const string Prefix = "Error while executing topic command : ";
        var reason = stdout.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal))?[Prefix.Length..]
            ?? stderr.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
            ?? $"exit code {exitCode}";
        var failure = reason.Contains("already exists", StringComparison.OrdinalIgnoreCase) ? TopicAdminFailure.AlreadyExists
            : reason.Contains("does not exist", StringComparison.OrdinalIgnoreCase) ? TopicAdminFailure.NotFound
            : TopicAdminFailure.Other;
        return new TopicAdminException($"topic '{topic}': {reason}", failure);
    }

    private static Process StartJava(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new TopicAdminException($"could not start '{start.FileName}'");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TopicAdminException($"could not start '{start.FileName}' (is Java installed?): {e.Message}", TopicAdminFailure.NotConfigured, e);
        }
    }

    private static string JavaExecutable()
    {
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrWhiteSpace(javaHome))
        {
            var java = Path.Combine(javaHome, "bin", OperatingSystem.IsWindows() ? "java.exe" : "java");
            if (File.Exists(java))
                return java;
        }
        return "java";
    }
}
