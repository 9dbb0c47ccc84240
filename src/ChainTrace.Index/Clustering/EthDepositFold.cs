using System.Runtime.InteropServices;
using ChainTrace.Core.Clustering;
using ChainTrace.Index.Account;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// One address's deposit-heuristic state after a prefix of its native transfers: the same left fold the full run
/// makes over the address's whole activity, kept so that new transfers continue it. A failed address stays failed
/// (no later transfer can make it a deposit again); <see cref="LastApplied"/> is the last transfer that changed the fold.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct EthDepositFold
{
    private const int FailedFlag = 1;
    private const int MixedSendersFlag = 2;

    public ulong PendingLow;
    public ulong PendingHigh;
    public long LastReceipt;
    public int Receiver;
    public int FirstForward;
    public int Senders;
    public int FirstSender;
    public int LastApplied;
    public int Flags;

    public static EthDepositFold Empty => new() { LastReceipt = -1, Receiver = -1, FirstForward = -1, FirstSender = -1, LastApplied = -1 };

    public readonly bool Failed => (Flags & FailedFlag) != 0;

    /// <summary>The receiver it is a deposit address of and its first forward, when it qualifies now.</summary>
    public readonly (int Receiver, int FirstForward)? Deposit =>
        !Failed && Receiver >= 0 && Senders > 0 && !((Flags & MixedSendersFlag) == 0 && FirstSender == Receiver) ? (Receiver, FirstForward) : null;

    /// <summary>True for the transfers the heuristic reads: native ether between two different addresses.</summary>
    public static bool Counts(in EthIndexTransfer t) => t.Asset == 0 && t.From != t.To;

    public void Apply(int address, in EthIndexTransfer t, int id, EthDepositOptions options)
    {
        if (Failed)
        {
            return;
        }

        LastApplied = id;
        var pending = new UInt128(PendingHigh, PendingLow);
        if (t.To == address)
        {
            pending += t.Value;
            LastReceipt = t.Height;
            Senders++;
            if (FirstSender < 0)
            {
                FirstSender = t.From;
            }
            else if (t.From != FirstSender)
            {
                Flags |= MixedSendersFlag;
            }

            Store(pending);
            return;
        }

        if ((Receiver >= 0 && Receiver != t.To) || LastReceipt < 0 || pending == 0 || t.Height - LastReceipt > options.MaxForwardBlocks)
        {
            Flags |= FailedFlag;
            return;
        }

        var loss = pending >= t.Value ? pending - t.Value : UInt128.MaxValue;
        var allowed = UInt128.Max(pending / 100 * (uint)options.MaxLossPercent, options.MaxLossWei);
        if (loss > allowed)
        {
            Flags |= FailedFlag;
            return;
        }

        if (Receiver < 0)
        {
            Receiver = t.To;
        }

        if (FirstForward < 0)
        {
            FirstForward = id;
        }

        Store(0);
    }

    private void Store(UInt128 pending)
    {
        PendingLow = (ulong)pending;
        PendingHigh = (ulong)(pending >> 64);
    }
}
