using GridAid.Infrastructure.Storage;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.Functions.Escalation;

/// <summary>Checks urgent reports when their escalation delay has passed.</summary>
public sealed class EscalationFunctions(UnansweredEscalation escalation)
{
    [Function(nameof(EscalateUnanswered))]
    public Task EscalateUnanswered([QueueTrigger(QueueNames.Escalation)] string message, CancellationToken ct) =>
        escalation.HandleAsync(message, ct);
}
