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
/// </summary>
public sealed class QueueFunctionListener(
    QueueFunction function,
    QueueSettings settings,
    StorageClients storage,
    IServiceScopeFactory scopes,
    ILogger<QueueFunctionListener> logger) : BackgroundService
{
    /// <summary>How long a message stays invisible while a function runs: the host's 10 minutes (it also renews; our handlers are short).</summary>
    private static readonly TimeSpan ProcessingVisibility = TimeSpan.FromMinutes(10);

    private readonly QueueClient _queue = storage.Queue(function.QueueName);
    private readonly QueueClient _poison = storage.Queue(QueueNames.PoisonOf(function.QueueName));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<Task>();
        var delay = QueueSettings.MinimumPollingInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > settings.NewBatchThreshold)
            {
                await Task.WhenAny(running);
                continue;
            }

            QueueMessage[] batch;
            try
            {
                await EnsureQueueAsync(stoppingToken);
                batch = (await _queue.ReceiveMessagesAsync(settings.BatchSize, ProcessingVisibility, stoppingToken)).Value;
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                // Storage unreachable: keep polling at the slowest interval, as the host does, instead of stopping.
                logger.LogWarning(e, "Polling {Queue} failed", function.QueueName);
                delay = settings.MaxPollingInterval;
                batch = [];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (batch.Length == 0)
            {
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Math.Max(settings.MaxPollingInterval.Ticks, QueueSettings.MinimumPollingInterval.Ticks)));
                continue;
            }

            delay = QueueSettings.MinimumPollingInterval;
            running.AddRange(batch.Select(m => ProcessAsync(m, stoppingToken)));
        }

        await Task.WhenAll(running);
    }

    private bool _queueExists;

    private async Task EnsureQueueAsync(CancellationToken ct)
    {
        if (!_queueExists)
        {
            await _queue.CreateIfNotExistsAsync(cancellationToken: ct);
            _queueExists = true;
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken ct)
    {
        try
        {
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                // A message whose earlier runs never completed (a crash) is poison already.
                await MoveToPoisonAsync(message, ct);
                return;
            }

            bool succeeded;
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
                await FunctionInvoker.InvokeAsync(scope.ServiceProvider, function.Method, message.MessageText, bindingData, ct);
                succeeded = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e.InnerException ?? e, "Function {Function} failed on message {MessageId} (dequeue count {DequeueCount})",
                    function.Name, message.MessageId, message.DequeueCount);
                succeeded = false;
            }

            if (succeeded)
            {
                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, ct);
            }
            else
            {
                await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: the message becomes visible again after its processing visibility.
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            logger.LogWarning(e, "Completing message {MessageId} on {Queue} failed; it will be delivered again", message.MessageId, function.QueueName);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken ct)
    {
        await _poison.CreateIfNotExistsAsync(cancellationToken: ct);
        await _poison.SendMessageAsync(message.MessageText, ct);
        await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct);
        logger.LogWarning("Moved message {MessageId} to {PoisonQueue} after {DequeueCount} deliveries",
            message.MessageId, QueueNames.PoisonOf(function.QueueName), message.DequeueCount);
    }
}
