using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class EventDamageTests
{
    private static readonly GeneratorOptions Options = new() { Customers = 100, Tracks = 50, BadLines = 0.1, UnknownIds = 0.2, Seed = 3 };

    [Fact]
    public void Unknown_ids_and_broken_lines_come_in_their_shares_and_unknown_ids_lie_just_past_the_files()
    {
        var damage = new EventDamage(Options);
        var kinds = new Dictionary<DamageKind, int>();
        for (var i = 0; i < 100_000; i++)
        {
            int customer = 7, track = 8;
            var kind = damage.Next(ref customer, ref track);
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            if (kind == DamageKind.UnknownId)
                Assert.True((customer is >= 100 and < 200 && track == 8) || (track is >= 50 and < 100 && customer == 7), $"{customer}, {track}");
            else
                Assert.Equal((7, 8), (customer, track));
        }

        Assert.InRange(kinds[DamageKind.UnknownId] / 100_000.0, 0.19, 0.21);
        Assert.InRange(kinds[DamageKind.Broken] / 100_000.0, 0.09, 0.11);
    }

    [Fact]
    public void Every_broken_line_is_a_dead_letter_and_all_five_ways_of_breaking_occur()
    {
        var damage = new EventDamage(Options);
        var reasons = new HashSet<DeadLetterReason>();
        var buffer = new byte[200];
        for (var i = 0; i < 200; i++)
        {
            var length = damage.FormatBroken(buffer, 1000 + i, 12, 34);
            var line = buffer.AsSpan(0, length);
            Assert.Equal((byte)'\n', line[^1]);
            Assert.False(EventParser.TryParse(line[..^1], out _, out _, out var reason), Encoding.ASCII.GetString(line));
            reasons.Add(reason);
        }

        Assert.Equal(
            [DeadLetterReason.FieldCount, DeadLetterReason.BadCustomerId, DeadLetterReason.BadDatetime, DeadLetterReason.BadIsMobile, DeadLetterReason.BadQuoting],
            reasons.Order());
    }

    [Fact]
    public void It_applies_only_when_asked_for()
    {
        Assert.False(EventDamage.Applies(new GeneratorOptions()));
        Assert.True(EventDamage.Applies(new GeneratorOptions { BadLines = 0.001 }));
        Assert.True(EventDamage.Applies(new GeneratorOptions { UnknownIds = 0.001 }));
    }
}
