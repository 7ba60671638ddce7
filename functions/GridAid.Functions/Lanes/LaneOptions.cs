namespace GridAid.Functions.Lanes;

/// <summary>
/// How much of one instance the kinds other than a lost person may use at once (section <c>GridAid:Lanes</c>;
/// docs/reliability.md, "The urgent lane"). A lost person never waits for a slot. 0 turns a limit off.
/// </summary>
public sealed class LaneOptions
{
    /// <summary>Reports of the other kinds taken in at once (claim, write, enqueue), per instance.</summary>
    public int OtherIntakeSlots { get; set; } = 4;

    /// <summary>
    /// How long a report of another kind waits for an intake slot before the phone is told "busy, sent again
    /// shortly" (503 with Retry-After; the form keeps the draft and retries with the same request id).
    /// </summary>
    public TimeSpan OtherIntakeWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reports of the other kinds routed at once, per instance; the rest of a queue batch waits its turn.</summary>
    public int OtherRoutingSlots { get; set; } = 4;

    /// <summary>Refuses settings no lane can be built from, naming the setting.</summary>
    public void Validate()
    {
        if (OtherIntakeSlots < 0 || OtherRoutingSlots < 0 || OtherIntakeWait <= TimeSpan.Zero || OtherIntakeWait >= Intake.ReportIntake.Budget)
        {
            throw new InvalidOperationException(
                $"GridAid:Lanes needs OtherIntakeSlots >= 0, OtherRoutingSlots >= 0 and 0 < OtherIntakeWait < {Intake.ReportIntake.Budget.TotalSeconds} s (the intake's budget).");
        }
    }
}
