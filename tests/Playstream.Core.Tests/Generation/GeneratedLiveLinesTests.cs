using System.Buffers;
using Playstream.Core.Events;
using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class GeneratedLiveLinesTests
{
    [Fact]
    public void Lines_are_plays_of_the_models_customers_and_tracks_numbered_on_and_stamped_now()
    {
        var model = ListeningModel.Create(300, 80, 42);
        using var lines = new GeneratedLiveLines(model, firstEventId: 1000);
        var output = new ArrayBufferWriter<byte>();
        const long now = 1_412_164_800;

        for (var i = 0; i < 500; i++)
            Assert.True(lines.TryAppendLine(output, now + i));

        var text = System.Text.Encoding.ASCII.GetString(output.WrittenSpan);
        var written = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(500, written.Length);
        for (var i = 0; i < written.Length; i++)
        {
            Assert.True(EventParser.TryParse(System.Text.Encoding.ASCII.GetBytes(written[i]), out var play, out _, out _), written[i]);
            Assert.Equal(1000 + i, play.EventId);
            Assert.Equal(now + i, play.Time);
            Assert.InRange(play.CustomerId, 0, 299);
            Assert.InRange(play.TrackId, 0, 79);
        }
    }

    [Fact]
    public void A_log_resumed_further_on_draws_other_plays()
    {
        var model = ListeningModel.Create(300, 80, 42);
        string Lines(long first)
        {
            using var lines = new GeneratedLiveLines(model, first);
            var output = new ArrayBufferWriter<byte>();
            for (var i = 0; i < 50; i++)
                lines.TryAppendLine(output, 1000);
            // Without the ids: only who played what.
            return string.Join('\n', System.Text.Encoding.ASCII.GetString(output.WrittenSpan).Split('\n').Select(l => l[(l.IndexOf(',') + 1)..]));
        }

        Assert.Equal(Lines(10), Lines(10));
        Assert.NotEqual(Lines(10), Lines(11));
    }
}
