using System.Runtime.CompilerServices;
using Playstream.Core.Engine;
using Playstream.Core.Results;
using Playstream.Core.Windows;

namespace Playstream.Core.Operators.Activity;

/// <summary>
/// Plays, distinct listeners and mobile plays per sliding window. State is per pane (one
/// slide long): plays, mobile plays and the pane's customers. Windows are assembled from
/// panes only when results are asked for; listeners are deduplicated across the window's
/// panes then, since a distinct count is not a sum of per-pane distinct counts.
/// </summary>
public sealed class ActivityOperator
{
    private readonly AnalyticsSettings _settings;
    private readonly int _slide;
    private readonly int _window;
    private readonly PaneSlots _panes = new();
    private readonly PaneCustomers _customers = new();
    private long[] _plays = new long[64];
    private long[] _mobile = new long[64];

    public ActivityOperator(AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _slide = settings.ActivitySlideSeconds;
        _window = settings.ActivityWindowSeconds;
    }

    public void Add(long time, int customerId, bool isMobile)
    {
        var slot = SlotOf(PaneMath.PaneOf(time, _slide));
        _plays[slot]++;
        if (isMobile)
            _mobile[slot]++;
        _customers.Append(slot, customerId);
    }

    /// <summary>Adds a play like <see cref="Add"/>; true when its customer is new to its pane.</summary>
    public bool AddListener(long time, int customerId, bool isMobile)
    {
        var slot = SlotOf(PaneMath.PaneOf(time, _slide));
        _plays[slot]++;
        if (isMobile)
            _mobile[slot]++;
        return _customers.TryAppend(slot, customerId);
    }

    /// <summary>Whether the customer played in the pane.</summary>
    public bool Listened(long pane, int customerId)
    {
        var slot = _panes.Find(pane);
        return slot >= 0 && _customers.Contains(slot, customerId);
    }

    /// <summary>
    /// Adds a block's plays, best sorted by pane: each run of one pane finds its slot once and
    /// sizes the pane's customer set once, instead of per play.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddBlock(ReadOnlySpan<EnrichedPlay> plays)
    {
        foreach (var (pane, run) in new PaneRuns(plays, _slide))
        {
            var slot = SlotOf(pane);
            _customers.Reserve(slot, run.Length);
            long mobile = 0;
            foreach (ref readonly var play in run)
            {
                mobile += play.Flags & EnrichedPlay.Mobile;
                _customers.Append(slot, play.CustomerId);
            }
            _plays[slot] += run.Length;
            _mobile[slot] += mobile;
        }
    }

    public void Merge(ActivityOperator other) => Merge(other, long.MinValue);

    /// <summary>
    /// A copy holding only the panes that a window ending after <paramref name="horizon"/> still
    /// needs: the state of an endless stream once every window ending by then is final.
    /// </summary>
    public ActivityOperator Retaining(long horizon)
    {
        var kept = new ActivityOperator(_settings);
        kept.Merge(this, PaneRetention.FirstNeeded(horizon, _window, _slide));
        return kept;
    }

    private void Merge(ActivityOperator other, long fromPane)
    {
        ArgumentNullException.ThrowIfNull(other);
        var otherPanes = other._panes.Panes;
        for (var otherSlot = 0; otherSlot < otherPanes.Length; otherSlot++)
            if (otherPanes[otherSlot] >= fromPane)
                AddPane(otherPanes[otherSlot], other._plays[otherSlot], other._mobile[otherSlot], other._customers.Of(otherSlot));
    }

    /// <summary>How many panes hold state.</summary>
    public int Panes => _panes.Count;

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var panes = _panes.Panes;
        writer.Write(panes.Length);
        for (var slot = 0; slot < panes.Length; slot++)
        {
            _customers.Compact(slot);
            writer.Write(panes[slot]);
            writer.Write(_plays[slot]);
            writer.Write(_mobile[slot]);
            var customers = _customers.Of(slot);
            writer.Write(customers.Length);
            foreach (var customer in customers)
                writer.Write(customer);
        }
    }

    public static ActivityOperator Read(BinaryReader reader, AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new ActivityOperator(settings);
        var paneCount = reader.ReadInt32();
        var customers = new List<int>();
        for (var i = 0; i < paneCount; i++)
        {
            var pane = reader.ReadInt64();
            var plays = reader.ReadInt64();
            var mobile = reader.ReadInt64();
            var customerCount = reader.ReadInt32();
            customers.Clear();
            for (var c = 0; c < customerCount; c++)
                customers.Add(reader.ReadInt32());
            result.AddPane(pane, plays, mobile, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(customers));
        }
        return result;
    }

    /// <summary>Every window with at least one play, by start.</summary>
    public List<ActivityWindow> ComputeWindows()
    {
        var (sortedPanes, order) = _panes.InPaneOrder();
        var walk = new WindowWalk(this, order, new SlidingCounts(_customers.MaxCustomer(order.Length), listKeys: false));
        PaneWindowWalker.Walk(sortedPanes, _window / _slide, ref walk);
        return walk.Windows;
    }

    /// <summary>Running totals of the window being walked: plays and mobile plays add up, listeners are counted per customer.</summary>
    private struct WindowWalk(ActivityOperator activity, int[] order, SlidingCounts listeners) : IPaneWindowVisitor
    {
        private long _plays;
        private long _mobile;

        public List<ActivityWindow> Windows { get; } = [];

        public void Enter(int pane) => Move(order[pane], 1);

        public void Leave(int pane) => Move(order[pane], -1);

        public readonly void Emit(long firstPane)
        {
            var start = PaneMath.StartOf(firstPane, activity._slide);
            Windows.Add(new ActivityWindow(start, start + activity._window, _plays, listeners.NonZero, _mobile));
        }

        private void Move(int slot, long sign)
        {
            _plays += sign * activity._plays[slot];
            _mobile += sign * activity._mobile[slot];
            activity._customers.AddTo(slot, listeners, sign);
        }
    }

    private void AddPane(long pane, long plays, long mobile, ReadOnlySpan<int> customers)
    {
        var slot = SlotOf(pane);
        _plays[slot] += plays;
        _mobile[slot] += mobile;
        foreach (var customer in customers)
            _customers.Append(slot, customer);
    }

    private int SlotOf(long pane)
    {
        var slot = _panes.GetOrAdd(pane, out var added);
        if (added)
            OnNewSlot(slot);
        return slot;
    }

    private void OnNewSlot(int slot)
    {
        if (slot >= _plays.Length)
        {
            Array.Resize(ref _plays, _plays.Length * 2);
            Array.Resize(ref _mobile, _mobile.Length * 2);
        }
        _customers.EnsureSlots(slot + 1);
    }
}
