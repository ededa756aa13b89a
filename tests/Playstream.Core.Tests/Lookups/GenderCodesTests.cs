using Playstream.Core.Lookups;

namespace Playstream.Core.Tests.Lookups;

public sealed class GenderCodesTests
{
    [Fact]
    public void A_code_keeps_its_slot_and_its_name_spaces_trimmed()
    {
        var code = "g-" + Guid.NewGuid().ToString("N")[..8]; // a code no other test uses: the slots are process-wide
        var slot = GenderCodes.Slot(code);

        Assert.NotEqual(GenderCodes.UnknownSlot, slot);
        Assert.Equal(slot, GenderCodes.Slot($"  {code} "));
        Assert.Equal(code, GenderCodes.Name(slot));
        Assert.True(GenderCodes.Count > slot);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("unknown")]
    public void An_empty_code_and_unknown_itself_are_the_unknown_slot(string code)
    {
        Assert.Equal(GenderCodes.UnknownSlot, GenderCodes.Slot(code));
        Assert.Equal("unknown", GenderCodes.Name(GenderCodes.UnknownSlot));
    }

    [Fact]
    public void Codes_interned_from_many_threads_at_once_get_one_slot_each()
    {
        var codes = Enumerable.Range(0, 8).Select(i => $"t{i}-{Guid.NewGuid():N}"[..12]).ToArray();
        var slots = new byte[codes.Length][];
        Parallel.For(0, codes.Length, c => slots[c] = [.. Enumerable.Range(0, 50).AsParallel().Select(_ => GenderCodes.Slot(codes[c]))]);

        Assert.All(slots, s => Assert.Single(s.Distinct()));
        Assert.Equal(codes.Length, slots.Select(s => s[0]).Distinct().Count());
        Assert.Equal(codes, slots.Select(s => GenderCodes.Name(s[0])));
    }
}
