using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using GridAid.Infrastructure.Storage;
using GridAid.LocalHost.Functions;

namespace GridAid.LocalHost.Queues;

/// <summary>
/// Runs one queue-triggered function as the Functions host's queue listener does: gets up to <c>batchSize</c>
/// messages, runs them concurrently, fetches more when no more than <c>newBatchThreshold</c> are running, backs off
/// from 100 ms to <c>maxPollingInterval</c> while the queue is empty, releases a failed message after
/// <c>visibilityTimeout</c>, and moves it to <c>{queue}-poison</c> once it has been dequeued <c>maxDequeueCount</c> times.
/// <para>
/// Each message is received with a short lease (<see cref="MessageLease"/>) renewed while its function runs, so a
/// killed process strands its messages for seconds. On shutdown (<see cref="TriggerListener"/>) it takes no new
/// batch, makes messages it received but has not started visible again at once, and lets running functions finish;
/// if the shutdown timeout runs out they are cancelled and their messages released too.
/// </para>
/// </summary>
public sealed class QueueFunctionListener(
    QueueFunction function,
    QueueSettings settings,
    StorageClients storage,
    IServiceScopeFactory scopes,
    ILogger<QueueFunctionListener> logger,
    IHostApplicationLifetime? lifetime = null,
    MessageLease? lease = null,
    TimeProvider? clock = null) : TriggerListener(lifetime)
{
    /// <summary>How long releasing a message may take once the shutdown timeout has run out.</summary>
    private static readonly TimeSpan ReleaseAfterAbort = TimeSpan.FromSeconds(2);

    private readonly QueueClient _queue = storage.Queue(function.QueueName);
    private readonly QueueClient _poison = storage.Queue(QueueNames.PoisonOf(function.QueueName));
    private readonly MessageLease _lease = lease ?? MessageLease.Default;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private bool _queueExists;

    protected override async Task ListenAsync(CancellationToken stopping, CancellationToken abort)
    {
        var running = new List<Task>();
        var stopped = Task.Delay(Timeout.Infinite, stopping);
        var delay = QueueSettings.MinimumPollingInterval;
        while (!stopping.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running.Append(stopped));
                continue;
            }

            QueueMessage[] batch;
            try
            {
                await EnsureQueueAsync(abort);
                // Not cancelled by stopping: a receive cut off half-way may have leased messages it never hands over.
                batch = (await _queue.ReceiveMessagesAsync(settings.BatchSize, _lease.Visibility, abort)).Value;
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // Storage unreachable: keep polling at the slowest interval, as the host does, instead of stopping.
                logger.LogWarning(e, "Polling {Queue} failed", function.QueueName);
                delay = settings.MaxPollingInterval;
                batch = [];
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                break;
            }

            if (stopping.IsCancellationRequested)
            {
                // Received but not started: visible to the next receiver now, not when the lease runs out.
                await Task.WhenAll(batch.Select(m => ReleaseAsync(m.MessageId, m.PopReceipt, abort)));
                break;
            }

            if (batch.Length == 0)
            {
                try
                {
                    await Task.Delay(delay, _clock, stopping);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(settings.MaxPollingInterval.Ticks, QueueSettings.MinimumPollingInterval.Ticks)));
                continue;
            }

            delay = QueueSettings.MinimumPollingInterval;
            running.AddRange(batch.Select(m => ProcessAsync(m, abort)));
        }

        await Task.WhenAll(running);
    }

    private async Task EnsureQueueAsync(CancellationToken ct)
    {
        if (!_queueExists)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: ct);
            _queueExists = true;
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abort)
    {
        // Yield first, so that a batch's functions start together, not one after another's first await.
        await Task.Yield();
        await using var leased = new LeasedMessage(_queue, message, _lease, _clock, logger, abort);
        bool? succeeded = null;
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                // A message whose earlier runs never completed (a crash) is poison already.
                await MoveToPoisonAsync(message, await leased.EndAsync(), abort);
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
                {
                    ["Id"] = message.MessageId,
                    ["DequeueCount"] = message.DequeueCount,
                    ["InsertionTime"] = message.InsertedOn,
                    ["ExpirationTime"] = message.ExpiresOn,
                    ["PopReceipt"] = message.PopReceipt,
                };
                await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function.Method, message.MessageText, bindingData, abort);
                succeeded = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                logger.LogWarning(e.InnerException ?? e, "Function {Function} failed on message {MessageId} (dequeue count {DequeueCount})",
                    function.Name, message.MessageId, message.DequeueCount);
                succeeded = false;
            }

            var receipt = await leased.EndAsync();
            if (succeeded == true)
            {
                await _queue.DeleteMessageAsync(message.MessageId, receipt, abort);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, receipt, abort);
            }
            else
            {
                await _queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: abort);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // The shutdown timeout ran out: the function was cancelled, or completing it was. If it did not finish,
            // let the next receiver have the message now instead of after the lease.
            if (succeeded is null)
            {
                await ReleaseAsync(message.MessageId, await leased.EndAsync(), CancellationToken.None);
            }
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "Completing message {MessageId} on {Queue} failed; it will be delivered again", message.MessageId, function.QueueName);
        }
    }

    /// <summary>Makes a message visible again at once (best effort: otherwise its lease runs out in seconds).</summary>
    private async Task ReleaseAsync(string messageId, string popReceipt, CancellationToken ct)
    {
        using var bounded = ct.IsCancellationRequested ? new CancellationTokenSource(ReleaseAfterAbort) : CancellationTokenSource.CreateLinkedTokenSource(ct);
        try
        {
            await _queue.UpdateMessageAsync(messageId, popReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: bounded.Token);
        }
        catch (Exception e) when (StorageFailure.Is(e) || e is OperationCanceledException)
        {
            logger.LogWarning(e, "Releasing message {MessageId} on {Queue} failed; it is visible again when its lease runs out", messageId, function.QueueName);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string popReceipt, CancellationToken ct)
    {
        await _poison.CreateIfNotExistsAsync(cancellationToken: ct);
        await _poison.SendMessageAsync(message.MessageText, ct);
        await _queue.DeleteMessageAsync(message.MessageId, popReceipt, ct);
        logger.LogWarning("Moved message {MessageId} to {PoisonQueue} after {DequeueCount} deliveries",
            message.MessageId, QueueNames.PoisonOf(function.QueueName), message.DequeueCount);
    }
}
