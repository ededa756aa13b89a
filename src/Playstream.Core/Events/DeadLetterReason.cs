namespace Playstream.Core.Events;

/// <summary>Why a line could not become a play. Names are stable: they appear in exports and stores.</summary>
public enum DeadLetterReason : byte
{
    /// <summary>Not exactly six fields.</summary>
    FieldCount,
    /// <summary>event_id is not an integer &gt;= 0.</summary>
    BadEventId,
    /// <summary>customer_id is not an integer &gt;= 0 (that fits in 32 bits).</summary>
    BadCustomerId,
    /// <summary>track_id is not an integer &gt;= 0 (that fits in 32 bits).</summary>
    BadTrackId,
    /// <summary>datetime is not <c>yyyy-MM-dd HH:mm:ss</c> or not a real date.</summary>
    BadDatetime,
    /// <summary>ismobile is not 0 or 1.</summary>
    BadIsMobile,
    /// <summary>A quoted field is not closed, or text follows its closing quote.</summary>
    BadQuoting,
    /// <summary>The line is not valid UTF-8.</summary>
    BadEncoding,
    /// <summary>Later than the allowed lateness of an endless stream.</summary>
    Late,
}
