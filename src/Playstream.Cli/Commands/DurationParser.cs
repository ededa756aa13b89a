using System.Globalization;

namespace Playstream.Cli.Commands;

/// <summary>Reads durations the way people write them: <c>30m</c>, <c>1h</c>, <c>30h</c>, <c>90s</c>, <c>2d</c>, or plain seconds.</summary>
internal static class DurationParser
{
    public static bool TryParseSeconds(string text, out int seconds)
    {
        seconds = 0;
        text = text.Trim();
        if (text.Length == 0)
            return false;
        var unit = char.ToLowerInvariant(text[^1]);
        var multiplier = unit switch { 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, _ => 0 };
        var number = multiplier == 0 ? text : text[..^1];
        if (multiplier == 0)
            multiplier = 1;
        if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return false;
        var total = value * multiplier;
        if (total > int.MaxValue)
            return false;
        seconds = (int)total;
        return true;
    }

    public static string Format(int seconds) => seconds switch
    {
        _ when seconds % 86400 == 0 && seconds >= 86400 => $"{seconds / 86400}d",
        _ when seconds % 3600 == 0 && seconds >= 3600 => $"{seconds / 3600}h",
        _ when seconds % 60 == 0 && seconds >= 60 => $"{seconds / 60}m",
        _ => $"{seconds}s",
    };
}
