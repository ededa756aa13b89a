using System.CommandLine;
using System.Globalization;
using Playstream.Settings;
using Playstream.Processor.Metrics;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream status --group G --topic T</c>: who is in a consumer group and what each holds,
/// and per partition how far the group has committed, how far the partition goes, the lag, and
/// where the partition's checkpoint in Redis stands.
/// </summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var topic = new Option<string>("--topic") { Description = "Topic the group reads", Required = true };
        var group = new Option<string>("--group") { Description = "Consumer group", DefaultValueFactory = _ => "playstream" };
        var connection = new ConnectionOptions();
        var command = new Command("status", "A consumer group's members, partitions, committed offsets, lag and checkpoints");
        command.Options.Add(topic);
        command.Options.Add(group);
        connection.AddTo(command);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var settings = connection.Read(result);
            var status = GroupStatusReader.ReadAsync(ConnectorOptions.Kafka(settings), ConnectorOptions.Redis(settings),
                result.GetValue(group)!, result.GetValue(topic)!).GetAwaiter().GetResult();
            Print(status);
            return 0;
        }));
        return command;
    }

    private static void Print(GroupStatus status)
    {
        // Plain lines, not markup: a terminal-wide wrap would split the names.
        Console.WriteLine($"group {status.Group} on {status.Topic}: {status.State}, {status.Members.Count} member(s), total lag {N(status.TotalLag)}");
        var members = new Table().Border(TableBorder.Rounded).Title("members");
        members.AddColumns("client id", "host", "member id", "partitions");
        foreach (var m in status.Members)
            members.AddRow(Markup.Escape(m.ClientId), Markup.Escape(m.ClientHost), Markup.Escape(m.MemberId),
                m.Partitions.Count == 0 ? "-" : string.Join(',', m.Partitions));
        if (status.Members.Count > 0)
            AnsiConsole.Write(members);

        var partitions = new Table().Border(TableBorder.Rounded).Title("partitions");
        partitions.AddColumns("partition", "committed", "high watermark", "lag", "checkpoint", "held by");
        foreach (var p in status.Partitions)
            partitions.AddRow(p.Partition.ToString(CultureInfo.InvariantCulture), p.Committed is { } c ? N(c) : "-", N(p.HighWatermark), N(p.Lag),
                p.CheckpointOffset is { } k ? N(k) : "-", Markup.Escape(p.Owner ?? "-"));
        AnsiConsole.Write(partitions);
        if (status.Checkpoints is { } note)
            Console.WriteLine($"checkpoints: {note}");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
