using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Core.Tests.Engine;

public sealed class PlayBlockTests
{
    [Fact]
    public void A_play_is_enriched_from_the_lookups_and_a_stranger_is_unknown_in_every_way()
    {
        var lookups = LookupTables.Empty();
        lookups.Customers.Set(new Customer(1, "a", "F", "", "", "", "", "2", "", "", "30"));
        lookups.Tracks.Set(new Track(7, "t", "a", 1));
        var block = new PlayBlock(4);

        block.Add(new PlayEvent(0, 1, 7, 1000, true), "02134"u8, lookups);
        block.Add(new PlayEvent(1, 2, 8, 2000, false), "x"u8, lookups);

        var known = block.Plays[0];
        Assert.Equal((1000L, 1, 7, GenderCodes.Slot("F")), (known.Time, known.CustomerId, known.TrackId, known.GenderSlot));
        Assert.Equal(EnrichedPlay.Mobile | EnrichedPlay.CustomerKnown | EnrichedPlay.TrackKnown, known.Flags);
        Assert.Equal((2, 2), (CustomerTraits.LevelSlot(known.Traits), CustomerTraits.AgeSlot(known.Traits)));
        Assert.Equal("02134", ZipKey.Text(known.ZipKey));
        var stranger = block.Plays[1];
        Assert.Equal(GenderCodes.UnknownSlot, stranger.GenderSlot);
        Assert.Equal(0, stranger.Flags);
        Assert.Equal(CustomerTraits.Unknown, stranger.Traits);
        Assert.Equal("other", ZipKey.Text(stranger.ZipKey));
    }

    [Fact]
    public void An_unknown_customer_counts_as_gender_unknown_whatever_slot_is_passed()
    {
        var block = new PlayBlock(1);
        block.Add(new PlayEvent(0, 1, 2, 3, false), GenderCodes.Slot("F"), customerKnown: false, trackKnown: true, CustomerTraits.Unknown, ZipKey.OtherKey);
        Assert.Equal(GenderCodes.UnknownSlot, block.Plays[0].GenderSlot);
        Assert.True(block.IsFull);
    }

    [Fact]
    public void Dead_letters_are_counted_by_reason_and_clear_empties_the_block()
    {
        var block = new PlayBlock(2);
        block.CountDeadLetter(DeadLetterReason.BadDatetime);
        block.CountDeadLetter(DeadLetterReason.BadDatetime);
        block.CountDeadLetter(DeadLetterReason.Late);
        block.Add(new PlayEvent(0, 1, 2, 3, false), [], LookupTables.Empty());

        Assert.Equal(2, block.DeadLetters[(int)DeadLetterReason.BadDatetime]);
        Assert.Equal(1, block.DeadLetters[(int)DeadLetterReason.Late]);
        Assert.Equal(3, block.DeadLetters.ToArray().Sum());
        Assert.Throws<ArgumentOutOfRangeException>(() => block.CountDeadLetter((DeadLetterReason)99));

        block.Clear();
        Assert.Equal(0, block.Count);
        Assert.Equal(0, block.DeadLetters.ToArray().Sum());
    }

    [Fact]
    public void A_block_needs_room_for_one_play() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlayBlock(0));
}
