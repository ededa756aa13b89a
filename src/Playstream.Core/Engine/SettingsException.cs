namespace Playstream.Core.Engine;

/// <summary>A setting that stops start-up; its message is one line naming the setting and why.</summary>
public sealed class SettingsException : Exception
{
    public SettingsException(string message) : base(message) { }
    public SettingsException(string message, Exception inner) : base(message, inner) { }
    public SettingsException() { }
}
