using System.Collections.Concurrent;
using GridAid.Infrastructure.Storage;
using GridAid.LocalHost.Functions;
using GridAid.LocalHost.Queues;
using GridAid.TestSupport;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridAid.IntegrationTests;

/// <summary>The local queue listener against Azurite, with a function that always fails: delivery counts, then poison.</summary>
[Collection(SharedGridAid.Name)]
public class ListenerDeliveryTests(GridAidFixture f)
{
    [Fact]
    public async Task A_failing_function_runs_exactly_max_dequeue_count_times_then_its_message_is_in_the_poison_queue()
    {
        var queueName = "test-fails-" + Guid.NewGuid().ToString("N")[..12];
        var host = f.Host.Get<HostSettings>();
        var storage = f.Host.Get<StorageClients>();
        var method = typeof(AlwaysFails).GetMethod(nameof(AlwaysFails.Run))!;
        var listener = new QueueFunctionListener(
            new QueueFunction(nameof(AlwaysFails), method, queueName), host.Queues, storage,
            f.Host.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<QueueFunctionListener>.Instance);
        await storage.Queue(queueName).CreateAsync();
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var marker = Guid.NewGuid().ToString("N");
            await storage.Queue(queueName).SendMessageAsync(marker);

            var poisoned = await Eventually.Get(async () =>
            {
                var poison = storage.Queue(queueName + "-poison");
                if (!(await poison.ExistsAsync()).Value)
                {
                    return null;
                }

                var peeked = (await poison.PeekMessagesAsync(1)).Value;
                return peeked.Length > 0 ? peeked[0].MessageText : null;
            }, TestTimings.Poisoned(), "the poison message");

            Assert.Equal(marker, poisoned);
            Assert.Equal(Enumerable.Range(1, host.Queues.MaxDequeueCount).Select(n => (long)n), AlwaysFails.Deliveries[marker].Order());
            Assert.Equal(0, (await storage.Queue(queueName).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    public sealed class AlwaysFails
    {
        public static ConcurrentDictionary<string, ConcurrentBag<long>> Deliveries { get; } = new();

        public static Task Run([QueueTrigger("unused")] string message, long dequeueCount)
        {
            Deliveries.GetOrAdd(message, _ => []).Add(dequeueCount);
            throw new InvalidOperationException("This function always fails.");
        }
    }
}
