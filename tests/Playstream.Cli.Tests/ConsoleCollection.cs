namespace Playstream.Cli.Tests;

/// <summary>Tests that swap the process's console writers: they run alone, so no other test's output lands in theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
