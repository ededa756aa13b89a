using Playstream.Core.Events;

namespace Playstream.Core.Tests.Events;

public sealed class DeadLetterReasonNamesTests
{
    [Fact]
    public void Every_reason_has_its_documented_snake_case_name()
    {
        // docs/analytics.md lists these names; exports and stores carry them.
        Assert.Equal(
            ["field_count", "bad_event_id", "bad_customer_id", "bad_track_id", "bad_datetime", "bad_ismobile", "bad_quoting", "bad_encoding", "late"],
            Enum.GetValues<DeadLetterReason>().Select(r => r.Name()));
        Assert.Equal(9, DeadLetterReasonNames.Count);
    }

    [Fact]
    public void A_value_outside_the_enum_is_named_by_its_number() =>
        Assert.Equal("200", ((DeadLetterReason)200).Name());
}
