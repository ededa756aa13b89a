using Microsoft.Extensions.Configuration;
using Playstream.Core.Engine;

namespace Playstream.Settings;

/// <summary>
/// Reads the settings' layers into <see cref="PlaystreamSettings"/>, each over the one before, with the
/// configuration library: the defaults, the local stack's server addresses (<see cref="StackClientSettings"/>),
/// the settings file (JSON provider), the environment (environment variables provider, and the short
/// names of <see cref="SettingsVariables"/>), and the command line's settings (in memory).
/// </summary>
public static class SettingsLoader
{
    /// <param name="file">The settings file, or null for <c>PLAYSTREAM_SETTINGS</c> (or none).</param>
    /// <param name="options">The command line's settings by key (<see cref="SettingKeys"/>), over the environment's.</param>
    /// <exception cref="SettingsException">A file is missing or not settings JSON, or a value is not of its setting's type.</exception>
    public static PlaystreamSettings Load(string? file, IEnumerable<KeyValuePair<string, string?>>? options = null)
    {
        var environment = SettingsVariables.Read();
        file ??= SettingsVariables.Value(environment, SettingsVariables.SettingsFile);
        var stack = StackClientSettings.Find(environment);
        var layers = new ConfigurationBuilder();
        if (stack is not null)
            layers.AddInMemoryCollection(stack.Addresses);
        if (file is not null)
        {
            // Checked here: the provider's own message names the folder it looked in, not the file given.
            if (!File.Exists(file))
                throw new SettingsException($"settings: file '{file}' does not exist");
            layers.AddConfiguration(JsonSettingsFile.Read(file, why => $"settings: '{file}' is not valid settings JSON: {why}"));
        }
        layers.AddConfiguration(environment);
        layers.AddInMemoryCollection(SettingsVariables.ShortNameSettings(environment));
        if (options is not null)
            layers.AddInMemoryCollection(options);
        var settings = Bind(layers.Build());
        // The record's broker extras hold only for the broker that the layers above chose, which no
        // provider can know: they fill in what is still unset once every layer has been read.
        stack?.CompleteKafka(settings.Kafka);
        return settings;
    }

    /// <summary>The settings a configuration holds, over the defaults.</summary>
    /// <exception cref="SettingsException">A value is not of its setting's type (the message names the key).</exception>
    internal static PlaystreamSettings Bind(IConfiguration configuration)
    {
        var settings = new PlaystreamSettings();
        try
        {
            configuration.Bind(settings);
        }
        catch (InvalidOperationException e)
        {
            throw new SettingsException($"settings: {e.Message}", e);
        }
        return settings;
    }
}
