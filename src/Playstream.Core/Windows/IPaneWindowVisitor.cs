namespace Playstream.Core.Windows;

/// <summary>What <see cref="PaneWindowWalker"/> tells a walk's caller: panes (indices into the sorted panes) entering and leaving, and each window.</summary>
public interface IPaneWindowVisitor
{
    void Enter(int pane);
    void Leave(int pane);
    void Emit(long firstPane);
}
