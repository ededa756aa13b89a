using Confluent.Kafka;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Consuming;

namespace Playstream.Processor.Metrics;

/// <summary>
/// Every few seconds, asks each held partition's leader for its high watermark and sets the
/// lag (high watermark - position) in the metrics. Off the consumer thread, with a consumer of
/// its own (outside the group), so a slow or absent broker never holds up processing; a failed
/// query keeps the last figures. A partition with no record read yet has no lag figure until
/// its first record (its position is not known before).
/// </summary>
public sealed class LagMonitor : IAsyncDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(3);
    private readonly ProcessorMetrics _metrics;
    private readonly KafkaOffsets _offsets;
    private readonly TimeSpan _every;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LagMonitor(ProcessorMetrics metrics, KafkaOptions kafka, TimeSpan every)
    {
        _metrics = metrics;
        _offsets = new KafkaOffsets(kafka, group: null);
        _every = every;
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                Update();
            }
            catch (KafkaException)
            {
                // A broker that does not answer: the figures stay as they were until it does.
            }
            try
            {
                await Task.Delay(_every, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Update()
    {
        foreach (var (partition, position) in _metrics.Positions())
        {
            if (_stop.IsCancellationRequested)
                return;
            if (position is null)
                continue;
            var watermarks = _offsets.Watermarks(partition, QueryTimeout);
            _metrics.SetLag(partition, watermarks.High.Value);
        }
    }


    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _offsets.Dispose();
        _stop.Dispose();
    }
}
