namespace Playstream.Core.Generation;

/// <summary>What a replay does with each copied line's datetime.</summary>
public enum ReplayTime
{
    /// <summary>The line is copied byte for byte (the original generator's behaviour).</summary>
    AsWritten,

    /// <summary>The datetime field is replaced with the current UTC time, so windows see the play as live.</summary>
    Now,
}
