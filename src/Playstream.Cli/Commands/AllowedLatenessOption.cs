using System.CommandLine;
using Playstream.Core.Engine;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>--allowed-lateness DURATION</c>, the same for <c>process</c> and <c>run --follow</c>: how far
/// behind the latest play a play may be before it is a dead letter <c>late</c>.
/// </summary>
internal static class AllowedLatenessOption
{
    public static Option<string?> Create(string description) => new("--allowed-lateness") { Description = description };

    /// <summary>The lateness given, or null when the option is absent.</summary>
    /// <exception cref="SettingsException">The text is not a duration.</exception>
    public static TimeSpan? Read(ParseResult result, Option<string?> option) => Parse(result.GetValue(option));

    public static TimeSpan? Parse(string? text) =>
        text is null ? null
        : DurationParser.TryParseSeconds(text, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : throw new SettingsException($"--allowed-lateness: '{text}' is not a duration (examples: 90s, 30m, 1h)");
}
