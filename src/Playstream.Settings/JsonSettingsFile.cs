using Microsoft.Extensions.Configuration;

namespace Playstream.Settings;

/// <summary>A JSON file in the settings' format, read by the configuration library's JSON provider (comments and trailing commas allowed).</summary>
internal static class JsonSettingsFile
{
    /// <param name="path">The file; it must exist.</param>
    /// <param name="problem">The one-line error for a file that is not settings JSON, given why.</param>
    public static IConfigurationRoot Read(string path, Func<string, string> problem)
    {
        try
        {
            // A full path: the provider would look for a relative one beside the program.
            return new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        }
        catch (InvalidDataException e)
        {
            // The provider wraps the parser's reason ("Failed to load... / Could not parse..."): the innermost says what is wrong.
            throw new Core.Engine.SettingsException(problem(e.GetBaseException().Message.ReplaceLineEndings(" ")), e);
        }
    }
}
