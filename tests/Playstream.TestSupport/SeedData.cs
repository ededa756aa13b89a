namespace Playstream.TestSupport;

/// <summary>
/// Finds the original system's data files: <c>PLAYSTREAM_SEED_DATA</c>, else a <c>shared/seed-data</c> folder beside the repository
/// (found by walking up from the test binaries). Tests that need it skip when it is absent, since
/// the product must work without it.
/// </summary>
public static class SeedData
{
    public const string SkipReason = "seed data not found: no 'shared/seed-data' folder beside the repository";

    private static readonly Lazy<string?> Location = new(Find);

    /// <summary>The seed-data folder, or null when there is none.</summary>
    public static string? Folder => Location.Value;

    /// <summary>The path of a seed file; only call from a <see cref="SeedDataFactAttribute"/> test.</summary>
    public static string File(string name) =>
        Path.Combine(Folder ?? throw new InvalidOperationException(SkipReason), name);

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("PLAYSTREAM_SEED_DATA") is { Length: > 0 } configured && Directory.Exists(configured))
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seed-data");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}

/// <summary>A fact that runs only where the seed data exists, and says why it was skipped otherwise.</summary>
public sealed class SeedDataFactAttribute : Xunit.FactAttribute
{
    public SeedDataFactAttribute()
    {
        if (SeedData.Folder is null)
            Skip = SeedData.SkipReason;
    }
}
