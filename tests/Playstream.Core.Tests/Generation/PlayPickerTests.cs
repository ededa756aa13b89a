using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class PlayPickerTests
{
    private static PlayPicker Create(out ListeningModel model)
    {
        model = ListeningModel.Create(200, 100, 5);
        return model.CreatePicker(99);
    }

    [Fact]
    public void Times_never_decrease_and_never_pass_the_slot()
    {
        var picker = Create(out _);
        long last = 0;
        for (long slot = 1000; slot < 200_000; slot += 7)
        {
            picker.Next(slot, out var time);
            Assert.True(time >= last && time <= slot, $"slot {slot}: time {time} after {last}");
            last = time;
        }
    }

    [Fact]
    public void Repeats_replay_an_earlier_play_within_minutes()
    {
        var picker = Create(out _);
        var earlier = new List<(long Time, GeneratedPlay Play)>();
        var repeats = 0;
        for (long slot = 0; slot < 3_000_000; slot += 60)
        {
            var pending = picker.PendingRepeats;
            var play = picker.Next(slot, out var time);
            if (picker.PendingRepeats < pending)
            {
                // A dequeued repeat: the same customer, track, device and zip played a few minutes before.
                repeats++;
                var since = time - PlayPicker.MaxRepeatGap * 3;
                Assert.Contains(earlier, e => e.Play == play && e.Time >= since && e.Time <= time - PlayPicker.MinRepeatGap);
            }
            earlier.Add((time, play));
            if (earlier.Count > 100)
                earlier.RemoveAt(0);
        }
        Assert.True(repeats > 500, $"only {repeats} repeats");
    }

    [Fact]
    public void Plays_reference_known_customers_and_tracks_with_a_customer_zip()
    {
        var picker = Create(out var model);
        var zips = Enumerable.Range(0, model.Customers.Count).Select(model.Customers.Zip).ToHashSet();
        for (var slot = 0; slot < 20_000; slot++)
        {
            var play = picker.Next(slot, out _);
            Assert.InRange(play.Customer, 0, 199);
            Assert.InRange(play.Track, 0, 99);
            Assert.Contains(play.Zip, zips);
        }
    }
}
