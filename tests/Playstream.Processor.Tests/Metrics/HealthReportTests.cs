using Playstream.Processor.Metrics;

namespace Playstream.Processor.Tests.Metrics;

public sealed class HealthReportTests
{
    [Fact]
    public void Waiting_and_assigned_are_healthy_and_failed_is_503()
    {
        Assert.Equal(200, new HealthReport(HealthReport.Waiting, 0, null).HttpStatus);
        Assert.Equal(200, new HealthReport(HealthReport.Assigned, 3, null).HttpStatus);
        Assert.Equal(503, new HealthReport(HealthReport.Failed, 3, null, "redis: down").HttpStatus);
    }

    [Fact]
    public void The_json_has_the_last_flush_to_the_millisecond_in_utc_and_the_reason_only_when_there_is_one()
    {
        var flush = new DateTimeOffset(2024, 5, 1, 12, 30, 5, 123, TimeSpan.FromHours(2));
        Assert.Equal("""{"status":"assigned","partitions":3,"last_flush":"2024-05-01T10:30:05.123Z"}""",
            new HealthReport(HealthReport.Assigned, 3, flush).ToJson());
        Assert.Equal("""{"status":"failed","partitions":0,"last_flush":null,"reason":"kafka: gone"}""",
            new HealthReport(HealthReport.Failed, 0, null, "kafka: gone").ToJson());
    }
}
