namespace Playstream.IntegrationTests.Kafka;

/// <summary>
/// The original system's data files, from a <c>shared/seed-data</c> folder beside the repository
/// (found by walking up from the test binaries). The tests that replay the seed log need it and
/// fail saying so when it is absent.
/// </summary>
internal static class SeedFiles
{
    private static readonly Lazy<string?> Location = new(Find);

    public static string Path(string name) =>
        System.IO.Path.Combine(
            Location.Value ?? throw new InvalidOperationException("seed data not found: no 'shared/seed-data' folder beside the repository"),
            name);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "seed-data");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
