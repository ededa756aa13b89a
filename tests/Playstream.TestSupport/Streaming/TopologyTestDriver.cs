using System.Globalization;
using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Resilience;
using Playstream.Core.Streaming;
using Playstream.Core.Streaming.Keys;
using Playstream.Core.Streaming.Runtime;

namespace Playstream.TestSupport.Streaming;

/// <summary>
/// Runs a streaming job without a broker, as Kafka Streams' TopologyTestDriver does: lines are
/// piped into in-memory input partitions, members of a group (each a real <see cref="StreamRunner"/>)
/// are stepped in turn, and the results are read out of a versioned in-memory store. Members can
/// join, crash (dropped with no last flush), or stall past their session (the group moves their
/// partitions on while they still think they hold them), which is what distribution tests need.
/// </summary>
public sealed class TopologyTestDriver : IDisposable
{
    private readonly List<Member> _members = [];
    private readonly Random _random;
    private readonly Action<string> _log;
    private readonly Core.Streaming.Ports.ITaskStore _tasks;

    /// <param name="store">Where tasks keep their state; the driver's in-memory <see cref="Store"/> when null.</param>
    public TopologyTestDriver(TopologySettings topology, LookupTables lookups, int seed = 1, Action<string>? log = null, Core.Streaming.Ports.ITaskStore? store = null)
    {
        _tasks = store ?? Store;
        Topology = topology;
        Lookups = lookups;
        Topics = new InMemoryTopics(topology.Partitions);
        _random = new Random(seed);
        _log = log ?? (_ => { });
    }

    public TopologySettings Topology { get; }
    public LookupTables Lookups { get; }
    public InMemoryTopics Topics { get; }
    public InMemoryTaskStore Store { get; } = new();
    public InMemoryResultSink Results { get; } = new();
    public CollectingDeadLetters DeadLetters { get; } = new();
    public List<string> Reports { get; } = [];

    /// <summary>Where members write the enriched plays; none when null. Set before members join.</summary>
    public IPlaySink? Plays { get; set; }

    /// <summary>Options every member starts with: flushes and results at every step, so tests need no clock.</summary>
    public RunnerOptions Options { get; init; } = new()
    {
        FlushInterval = TimeSpan.Zero,
        ResultsInterval = TimeSpan.Zero,
        ResultsComputeFactor = 0,
        QuietBeforeCheck = TimeSpan.Zero,
        GroupCheckInterval = TimeSpan.Zero,
        PollTimeout = TimeSpan.Zero,
        UntilIdle = true,
    };

    /// <summary>Records a member's source hands over per partition and topic in one poll.</summary>
    public int RecordsPerPoll { get; init; } = 50;

    public sealed class Member(string name, StreamRunner runner, InMemorySource source)
    {
        public string Name { get; } = name;
        public StreamRunner Runner { get; } = runner;
        public InMemorySource Source { get; } = source;
        public bool InGroup { get; internal set; } = true;
        public bool Finished { get; internal set; }
    }

    public IReadOnlyList<Member> Members => _members;

    /// <summary>A line into a partition, with the given key (empty: none).</summary>
    public void Pipe(int partition, string line, string key = "")
    {
        lock (Topics)
            Topics.Input[partition].Add((Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(line)));
    }

    /// <summary>Lines with no key, each into a random partition (as Logstash's plain codec or kcat without a key).</summary>
    public void PipeUnkeyed(IEnumerable<string> lines)
    {
        foreach (var line in lines)
            Pipe(_random.Next(Topology.Partitions), line);
    }

    /// <summary>Lines keyed by their customer_id text, into the partition a Kafka producer would pick for that key.</summary>
    public void PipeKeyedByCustomer(IEnumerable<string> lines, ulong source = 0xfeedUL)
    {
        long offset = 0;
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var customer = CustomerText(line);
            var key = new byte[ShippedLineKey.MaxLength];
            var length = ShippedLineKey.Write(key, Encoding.ASCII.GetBytes(customer), ShippedLineKey.SourcePart(source), offset);
            // As the shipper does: a line without a readable customer_id goes to a partition at random, still with its position.
            var partition = customer.Length == 0 ? _random.Next(Topology.Partitions) : CustomerPartition.Of(Encoding.ASCII.GetBytes(customer), Topology.Partitions);
            lock (Topics)
                Topics.Input[partition].Add((key[..length], bytes));
            offset += bytes.Length + 1;
        }
    }

    private static string CustomerText(string line)
    {
        var fields = line.Split(',');
        if (fields.Length < 2)
            return "";
        var text = fields[1].Trim().Trim('"');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id.ToString(CultureInfo.InvariantCulture) : "";
    }

    /// <summary>A new member; the group rebalances to give it its share.</summary>
    public Member Join(string name, RunnerOptions? options = null)
    {
        var source = new InMemorySource(Topics, RecordsPerPoll);
        var ports = new StreamPorts
        {
            Source = source,
            Repartition = Topics.Producer(),
            Store = _tasks,
            Results = Results,
            DeadLetters = DeadLetters,
            Plays = Plays,
            Pool = new PlayBatchPool(),
            Retry = new ServerRetry(message => Report(name, message), maxDelay: TimeSpan.FromMilliseconds(5)),
        };
        var member = new Member(name, new StreamRunner(Topology, options ?? Options, ports, Lookups, message => Report(name, message)), source);
        _members.Add(member);
        Rebalance();
        return member;
    }

    private void Report(string member, string message)
    {
        lock (Reports)
            Reports.Add($"{member}: {message}");
        _log($"{member}: {message}");
    }

    /// <summary>The member dies: no last flush; the group notices and moves its partitions.</summary>
    public void Crash(Member member)
    {
        member.InGroup = false;
        _members.Remove(member);
        member.Runner.Dispose();
        Rebalance();
    }

    /// <summary>The member stalls past its session: the group moves its partitions, but the member is not told until <see cref="Wake"/>.</summary>
    public void Stall(Member member)
    {
        member.InGroup = false;
        Rebalance();
    }

    /// <summary>The stalled member learns its session is gone (its partitions are lost) and joins again.</summary>
    public void Wake(Member member)
    {
        foreach (var partition in member.Source.Held.ToList())
            member.Source.Revoke(partition, lost: true);
        member.InGroup = true;
        Rebalance();
    }

    /// <summary>The member stops as on SIGTERM: a last flush, then it leaves and the group rebalances.</summary>
    public async Task StopAsync(Member member)
    {
        await member.Runner.FinishAsync();
        member.InGroup = false;
        _members.Remove(member);
        member.Runner.Dispose();
        Rebalance();
    }

    /// <summary>An eager rebalance over the members in the group: everything revoked, then ranges handed out by member name.</summary>
    public void Rebalance()
    {
        var live = _members.Where(m => m.InGroup).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        foreach (var member in live)
            foreach (var partition in member.Source.Held.ToList())
                member.Source.Revoke(partition, lost: false);
        if (live.Count == 0)
            return;
        var per = Topology.Partitions / live.Count;
        var extra = Topology.Partitions % live.Count;
        var next = 0;
        for (var i = 0; i < live.Count; i++)
        {
            var count = per + (i < extra ? 1 : 0);
            for (var k = 0; k < count; k++)
                live[i].Source.Assign(next++);
        }
    }

    /// <summary>One step of every member still running, in turn.</summary>
    public async Task StepAllAsync()
    {
        foreach (var member in _members.ToList())
            if (!member.Finished)
                member.Finished = await member.Runner.StepAsync(CancellationToken.None);
    }

    /// <summary>Steps every member until all have seen the group finish (a guard of a minute against a hang, not a time limit on the work).</summary>
    public async Task RunUntilIdleAsync()
    {
        foreach (var member in _members)
            member.Finished = false;
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromMinutes(1))
        {
            await StepAllAsync();
            if (_members.Count > 0 && _members.All(m => m.Finished))
                return;
            // In-memory steps complete at once: give the members' background results writes a turn on the thread pool.
            await Task.Yield();
        }
        throw new TimeoutException($"the group did not finish within a minute; last reports:{Environment.NewLine}{string.Join(Environment.NewLine, Reports.TakeLast(20))}");
    }

    public void Dispose()
    {
        foreach (var member in _members)
            member.Runner.Dispose();
    }
}
