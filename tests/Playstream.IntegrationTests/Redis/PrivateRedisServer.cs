using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Redis;

/// <summary>
/// A redis-server of one test's own (the binary the local stack starts, from the PATH), on a
/// free port, for tests that crash Redis without touching the shared one. Persistent, it keeps
/// an append-only file in a folder of its own, as a production Redis does, so a server killed
/// with kill -9 and started again comes back with every write it acknowledged (lookups,
/// checkpoints, results); otherwise it comes back empty, as the local stack's Redis would.
/// Disposing kills it and deletes the folder.
/// </summary>
internal sealed class PrivateRedisServer : IDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();
    private Process? _server;

    private readonly bool _persistent;

    private PrivateRedisServer(bool persistent)
    {
        _persistent = persistent;
        Port = FreePort.Next();
    }

    public int Port { get; }

    /// <summary>host:port, as the command line's <c>--redis</c> takes it.</summary>
    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public bool IsRunning => _server is { HasExited: false };

    public static async Task<PrivateRedisServer> StartAsync(bool persistent)
    {
        var server = new PrivateRedisServer(persistent);
        try
        {
            await server.RestartAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Starts the server (again) on the same port and folder, and waits until it answers PING (its data loaded).</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
            throw new InvalidOperationException("the private redis-server is already running");
        _server?.Dispose();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false };
        foreach (var argument in new[]
                 {
                     "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture),
                     "--dir", _folder.Path, "--logfile", "redis.log", "--daemonize", "no",
                     "--appendonly", _persistent ? "yes" : "no", "--save", "",
                 })
            start.ArgumentList.Add(argument);
        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (!await AnswersPingAsync())
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"redis-server exited with {_server.ExitCode}: {Log()}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"redis-server on {Endpoint} did not answer within {ReadyWithin.TotalSeconds:0}s: {Log()}");
            await Task.Delay(100);
        }
    }

    /// <summary>kill -9, as a crash or an OOM kill would: no shutdown, nothing saved beyond what the append-only file already holds.</summary>
    public void Kill()
    {
        if (!IsRunning)
            return;
        _server!.Kill();
        if (!_server.WaitForExit(TimeSpan.FromSeconds(30)))
            throw new TimeoutException("redis-server did not die after SIGKILL");
    }

    /// <summary>The server's own log, for a failure message.</summary>
    public string Log()
    {
        var file = _folder.File("redis.log");
        return File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(20)) : "(no log)";
    }

    public void Dispose()
    {
        Kill();
        _server?.Dispose();
        _folder.Dispose();
    }

    // A raw PING: a server still loading its append-only file answers -LOADING, not +PONG.
    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            var reply = new byte[64];
            var read = await stream.ReadAsync(reply, timeout.Token);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
