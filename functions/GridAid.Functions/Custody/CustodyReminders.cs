using GridAid.Core.Custody;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;

namespace GridAid.Functions.Custody;

/// <summary>
/// The reminders before a custody deadline, from the sweeper's timer (every 10 s, <c>Routing/SweeperFunctions</c>): the
/// due rows of the area up to now are one range read. A due reminder is shown on the holding station's alert of the item
/// (its inbox version moves, so the open inbox page shows it within a poll) and the item records it as given; then the
/// row goes. Each step is safe to repeat: a sweep that stops half-way, or two instances sweeping at once, give the
/// reminder once, because the item's conditional write decides and the alert shows the same value either way.
/// </summary>
public sealed class CustodyReminders(CustodyStore custody, AlertStore alerts, IOptions<GridAidOptions> options, TimeProvider clock, ILogger<CustodyReminders> logger)
{
    private CustodyPolicy Policy => options.Value.Custody;

    /// <summary>Gives the area's due reminders; returns how many it gave.</summary>
    public async Task<int> SweepAreaAsync(string areaId, CancellationToken ct)
    {
        var given = 0;
        var now = clock.GetUtcNow();
        await foreach (var row in custody.ListDueAsync(areaId, now, ct))
        {
            var (step, item) = await custody.UpdateAsync(areaId, row.TrackingCode,
                existing => existing is not null && CustodyRules.DueReminder(existing, now, Policy) is { } due ? new CustodyStep(due.Item) : CustodyStep.Unchanged, ct);
            if (item is not null && item.RemindersSent.Count > 0)
            {
                // Shown again when a sweep stopped between the item and the alert: the same view, so no change the second time.
                await alerts.UpdateAsync(areaId, item.StationId, item.ReportKey, a => CustodyActions.WithCustody(a, item), ct);
            }

            if (step.Item is not null)
            {
                given++;
                logger.LogInformation("Custody reminder for found item {TrackingCode} at {StationId}: deadline {Deadline:O}", item!.TrackingCode, item.StationId, item.Deadline);
            }

            // Given now, given before, moved (a new notice date wrote its own row), or the item left custody: done.
            await custody.ForgetDueAsync(row, ct);
        }

        return given;
    }
}
