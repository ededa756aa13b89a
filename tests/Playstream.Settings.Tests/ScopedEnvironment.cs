// The settings read the process's environment through the configuration library's provider, and
// the tests set it: one test at a time in this assembly.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Playstream.Settings.Tests;

/// <summary>
/// The process's <c>PLAYSTREAM_</c> variables for one test as a new shell would have them: only those
/// given (the ones the test run exports are removed), put back as they were afterwards.
/// </summary>
internal sealed class ScopedEnvironment : IDisposable
{
    private readonly Dictionary<string, string?> _saved = [];

    public ScopedEnvironment(params (string Name, string? Value)[] values)
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("PLAYSTREAM_", StringComparison.Ordinal)))
            Set(name, null);
        foreach (var (name, value) in values)
            Set(name, value);
    }

    private void Set(string name, string? value)
    {
        _saved.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
            Environment.SetEnvironmentVariable(name, value);
    }
}
