using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GridAid.Infrastructure.Storage;

namespace GridAid.LocalHost.Queues;

/// <summary>
/// How long a received message stays hidden from other receivers, and how often that is renewed while its
/// function runs. The Functions host receives with a 10-minute visibility and renews it at half; the local host
/// uses a short lease so that the messages of a process that dies (SIGKILL, a crash) are visible again within
/// seconds instead of minutes, while a function that runs longer keeps its message.
/// </summary>
public sealed record MessageLease(TimeSpan Visibility, TimeSpan RenewEvery)
{
    /// <summary>10 s, renewed every 3 s: a renewal may be two periods late on a loaded machine before the lease lapses.</summary>
    public static MessageLease Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3));
}

/// <summary>
/// One received message's lease: renewed in the background until <see cref="EndAsync"/>, which returns the pop
/// receipt the message must be completed with (each renewal gives a new one). A renewal is never cut off half-way,
/// so the receipt returned is the one the queue holds.
/// </summary>
internal sealed class LeasedMessage : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly MessageLease _lease;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    public LeasedMessage(QueueClient queue, QueueMessage message, MessageLease lease, TimeProvider clock, ILogger logger, CancellationToken abort)
    {
        _queue = queue;
        Message = message;
        PopReceipt = message.PopReceipt;
        _lease = lease;
        _clock = clock;
        _logger = logger;
        _renewal = RenewAsync(abort);
    }

    public QueueMessage Message { get; }

    public string PopReceipt { get; private set; }

    /// <summary>Stops renewing (safe to call again); the receipt to complete the message with.</summary>
    public async Task<string> EndAsync()
    {
        await _stop.CancelAsync();
        await _renewal;
        return PopReceipt;
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        _stop.Dispose();
    }

    private async Task RenewAsync(CancellationToken abort)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_lease.RenewEvery, _clock, _stop.Token);
                var renewed = await _queue.UpdateMessageAsync(Message.MessageId, PopReceipt, visibilityTimeout: _lease.Visibility, cancellationToken: abort);
                PopReceipt = renewed.Value.PopReceipt;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // Storage unreachable, or the lease has lapsed and another receiver has the message (404): keep
                // running; completing may fail, and the message is delivered again (handlers are idempotent).
                _logger.LogWarning(e, "Renewing the lease of message {MessageId} on {Queue} failed", Message.MessageId, _queue.Name);
                if (e is Azure.RequestFailedException { Status: 404 })
                {
                    return;
                }
            }
        }
    }
}
