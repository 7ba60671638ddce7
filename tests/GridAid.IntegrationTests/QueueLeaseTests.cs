using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using GridAid.Infrastructure.Storage;
using GridAid.LocalHost.Functions;
using GridAid.LocalHost.Queues;
using GridAid.TestSupport;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GridAid.IntegrationTests;

/// <summary>
/// The local queue listener's leases against Azurite: a dead listener's message comes back within its lease, a
/// function that outlives its lease keeps its message, and stopping releases what has not started and lets what
/// runs finish.
/// </summary>
[Collection(SharedGridAid.Name)]
public class QueueLeaseTests(GridAidFixture f)
{
    private static readonly TimeSpan Wait = TestTimings.Work(steps: 2, deliveries: 1);

    [Fact]
    public async Task A_message_leased_by_a_listener_that_died_is_delivered_again_within_its_lease()
    {
        var queue = await NewQueueAsync();
        var marker = Guid.NewGuid().ToString("N");
        await queue.SendMessageAsync(marker);

        // The dead listener: it received the message with the local host's lease, then never renewed or completed it.
        var stranded = Assert.Single((await queue.ReceiveMessagesAsync(1, MessageLease.Default.Visibility)).Value);
        Assert.Equal(marker, stranded.MessageText);

        var probe = new QueueProbe((_, _, _) => Task.CompletedTask);
        await using var listener = await StartAsync(probe, f.Host.Get<StorageClients>(), queue.Name);

        // Within the lease (and one delivery): not the Functions host's 10 minutes.
        var delivery = await Eventually.Get(() => Task.FromResult(probe.Deliveries.TryGetValue(marker, out var d) ? d : null),
            MessageLease.Default.Visibility + Wait, "the stranded message to be delivered again");
        Assert.Equal([2L], delivery);
        await WaitEmptyAsync(queue);
    }

    [Fact]
    public async Task A_function_that_runs_longer_than_its_lease_keeps_its_message_and_runs_once()
    {
        var queue = await NewQueueAsync();
        var lease = new MessageLease(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500));
        var probe = new QueueProbe((_, _, ct) => Task.Delay(lease.Visibility * 3, ct));
        await using var listener = await StartAsync(probe, f.Host.Get<StorageClients>(), queue.Name, lease);
        var marker = Guid.NewGuid().ToString("N");

        await queue.SendMessageAsync(marker);
        await Eventually.Get(() => Task.FromResult(probe.Completed.Contains(marker) ? "done" : null), (lease.Visibility * 3) + Wait, "the long run to end");
        await WaitEmptyAsync(queue);

        Assert.Equal([1L], probe.Deliveries[marker]);
    }

    [Fact]
    public async Task Stopping_makes_messages_received_but_not_started_visible_at_once()
    {
        var queue = await NewQueueAsync();
        var markers = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        foreach (var marker in markers)
        {
            await queue.SendMessageAsync(marker);
        }

        // The listener's receive reaches Azurite (the messages are leased) and its answer is held until the stop has begun.
        var hold = new HoldFirstReceive();
        var options = new QueueClientOptions();
        options.AddPolicy(hold, HttpPipelinePosition.PerCall);
        var held = new StorageClients(Options.Create(new StorageOptions { ConnectionString = f.Azurite.ConnectionString }), queueOptions: options);
        var probe = new QueueProbe((_, _, _) => Task.CompletedTask);
        var listener = await StartAsync(probe, held, queue.Name);

        await hold.Held.Task.WaitAsync(Wait);
        var stop = listener.StopAsync(CancellationToken.None);
        hold.Release.SetResult();
        await stop.WaitAsync(Wait);

        var visible = (await queue.PeekMessagesAsync(32)).Value;
        Assert.Equal(markers.Order(), visible.Select(m => m.MessageText).Order());
        Assert.Empty(probe.Deliveries);
        await listener.DisposeAsync();
    }

    [Fact]
    public async Task Stopping_lets_a_running_function_finish_uncancelled_and_takes_no_new_message()
    {
        var queue = await NewQueueAsync();
        using var gate = new SemaphoreSlim(0);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = (bool?)null;
        var probe = new QueueProbe(async (_, _, ct) =>
        {
            started.TrySetResult();
            await gate.WaitAsync(CancellationToken.None);
            cancelled = ct.IsCancellationRequested;
        });
        var listener = await StartAsync(probe, f.Host.Get<StorageClients>(), queue.Name);
        await queue.SendMessageAsync("running");
        await started.Task.WaitAsync(Wait);

        var stop = listener.StopAsync(CancellationToken.None);
        await Task.Delay(TestTimings.Delivery);
        Assert.False(stop.IsCompleted);
        await queue.SendMessageAsync("after the stop");

        gate.Release();
        await stop.WaitAsync(Wait);
        Assert.False(cancelled);
        Assert.Contains("running", probe.Completed);

        await Task.Delay(TestTimings.Delivery);
        Assert.False(probe.Deliveries.ContainsKey("after the stop"));
        Assert.Equal(["after the stop"], (await queue.PeekMessagesAsync(32)).Value.Select(m => m.MessageText));
        await listener.DisposeAsync();
    }

    private async Task<QueueClient> NewQueueAsync()
    {
        var queue = f.Host.Get<StorageClients>().Queue("test-lease-" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateAsync();
        return queue;
    }

    private static async Task WaitEmptyAsync(QueueClient queue) =>
        await Eventually.Get(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "empty" : null, Wait, "the queue to be empty");

    private async Task<Listener> StartAsync(QueueProbe probe, StorageClients storage, string queueName, MessageLease? lease = null)
    {
        var services = new ServiceCollection().AddSingleton(probe).BuildServiceProvider();
        var listener = new QueueFunctionListener(
            new QueueFunction(nameof(QueueProbe), typeof(QueueProbe).GetMethod(nameof(QueueProbe.Run))!, queueName),
            f.Host.Get<HostSettings>().Queues, storage, services.GetRequiredService<IServiceScopeFactory>(),
            NullLogger<QueueFunctionListener>.Instance, lease: lease);
        await listener.StartAsync(CancellationToken.None);
        return new Listener(listener, services);
    }

    /// <summary>A started listener; disposing stops it (if the test has not) and its services.</summary>
    private sealed class Listener(QueueFunctionListener listener, ServiceProvider services) : IAsyncDisposable
    {
        public Task StopAsync(CancellationToken ct) => listener.StopAsync(ct);

        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await listener.StopAsync(timeout.Token);
            listener.Dispose();
            await services.DisposeAsync();
        }
    }

    /// <summary>Holds the answer of the first receive that returns messages until <see cref="Release"/>.</summary>
    private sealed class HoldFirstReceive : HttpPipelinePolicy
    {
        private int _armed = 1;

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Get
                && message.Request.Uri.Path.EndsWith("/messages", StringComparison.Ordinal)
                && message.Response.Status == 200
                && message.Response.Content.ToString().Contains("<QueueMessage>", StringComparison.Ordinal)
                && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Held.TrySetResult();
                await Release.Task;
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>A queue function for the lease tests: records each delivery's dequeue count, runs the test's body, records completion.</summary>
public sealed class QueueProbe(Func<string, long, CancellationToken, Task> body)
{
    public ConcurrentDictionary<string, List<long>> Deliveries { get; } = new();

    public ConcurrentBag<string> Completed { get; } = [];

    public async Task Run([QueueTrigger("unused")] string message, long dequeueCount, CancellationToken ct)
    {
        var deliveries = Deliveries.GetOrAdd(message, _ => []);
        lock (deliveries)
        {
            deliveries.Add(dequeueCount);
        }

        await body(message, dequeueCount, ct);
        Completed.Add(message);
    }
}
