namespace Playstream.Core.Events;

/// <summary>A line that could not become a play: kept with its reason, position and raw text.</summary>
public sealed record DeadLetter(DeadLetterReason Reason, SourcePosition Position, string RawText, string Detail);
