namespace Playstream.Core.Streaming.Ports;

/// <summary>Which of a task's two topics a record came from.</summary>
public enum RecordTopic : byte
{
    /// <summary>The input topic: lines as a shipper, Logstash or any producer sent them.</summary>
    Input,

    /// <summary>The repartition topic: lines routed to their customer's partition by a source stage.</summary>
    Repartition,
}
