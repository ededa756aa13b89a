namespace Playstream.Core.Events;

/// <summary>The stable names of <see cref="DeadLetterReason"/>s, and how many reasons there are.</summary>
public static class DeadLetterReasonNames
{
    /// <summary>The snake_case name used in summaries, exports and stores.</summary>
    public static string Name(this DeadLetterReason reason) => reason switch
    {
        DeadLetterReason.FieldCount => "field_count",
        DeadLetterReason.BadEventId => "bad_event_id",
        DeadLetterReason.BadCustomerId => "bad_customer_id",
        DeadLetterReason.BadTrackId => "bad_track_id",
        DeadLetterReason.BadDatetime => "bad_datetime",
        DeadLetterReason.BadIsMobile => "bad_ismobile",
        DeadLetterReason.BadQuoting => "bad_quoting",
        DeadLetterReason.BadEncoding => "bad_encoding",
        DeadLetterReason.Late => "late",
        _ => reason.ToString(),
    };

    public static readonly int Count = Enum.GetValues<DeadLetterReason>().Length;
}
