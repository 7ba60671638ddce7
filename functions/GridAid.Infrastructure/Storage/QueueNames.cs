namespace GridAid.Infrastructure.Storage;

/// <summary>Queue names, shared by producers and the <c>[QueueTrigger]</c> attributes.</summary>
public static class QueueNames
{
    /// <summary>Accepted reports waiting to be routed.</summary>
    public const string Intake = "reports-intake";

    /// <summary>Where the Functions host moves an intake message after maxDequeueCount failures.</summary>
    public const string IntakePoison = Intake + PoisonSuffix;

    /// <summary>
    /// Accepted lost-person reports: a lane of their own, with its own function and listener, so a lost child never
    /// waits behind a flood of other reports.
    /// </summary>
    public const string Urgent = "reports-urgent";

    public const string UrgentPoison = Urgent + PoisonSuffix;

    /// <summary>Checks due later: escalating unanswered urgent reports, redacting long-resolved ones.</summary>
    public const string ScheduledChecks = "scheduled-checks";

    public const string ScheduledChecksPoison = ScheduledChecks + PoisonSuffix;

    /// <summary>One message per alert × channel: posted to the station's WeCom, DingTalk or webhook channel, off the routing path.</summary>
    public const string Deliveries = "deliveries";

    public const string DeliveriesPoison = Deliveries + PoisonSuffix;

    /// <summary>The Functions host's name for a queue's poison queue: <c>{queue}-poison</c>.</summary>
    public static string PoisonOf(string queue) => queue + PoisonSuffix;

    private const string PoisonSuffix = "-poison";

    public static readonly IReadOnlyList<string> All = [Intake, IntakePoison, Urgent, UrgentPoison, ScheduledChecks, ScheduledChecksPoison, Deliveries, DeliveriesPoison];
}

/// <summary>Table names.</summary>
public static class TableNames
{
    public const string Directory = "directory";
    public const string Reports = "reports";
    public const string TrackingCodes = "trackingcodes";
    public const string Alerts = "alerts";
    public const string Poison = "poisonmessages";

    /// <summary>Keys the app makes for itself (the tracking-code key).</summary>
    public const string Secrets = "secrets";

    /// <summary>Admin actions: who did what, when.</summary>
    public const string Audit = "audit";

    /// <summary>Counts of lost-person reports per point and window, for flood containment (no personal data).</summary>
    public const string FloodWindows = "floodwindows";

    /// <summary>Sign-ins remembered on a device (a hash of each device token, its principal and expiry).</summary>
    public const string Devices = "devices";

    /// <summary>The stations' notification channels, secrets included (never answered, never logged).</summary>
    public const string StationChannels = "stationchannels";

    /// <summary>One row per delivery (alert × channel): what stops a redelivery from posting twice, and the failures shown to admins.</summary>
    public const string Deliveries = "deliveries";

    /// <summary>Counted facts (inspections, questions answered …) the dashboard's figures are built from; ids and station ids only.</summary>
    public const string FigureFacts = "figurefacts";

    /// <summary>Each area's canned replies (one row per area, the list as JSON).</summary>
    public const string CannedReplies = "cannedreplies";

    /// <summary>Reporters' stars and comments on resolved reports, one row per report, per resolving station.</summary>
    public const string Feedback = "feedback";

    /// <summary>Found items in custody (where kept, the notice, the deadline, how they left) and their reminders' due rows.</summary>
    public const string Custody = "custody";

    /// <summary>Venue inspections and the rectifications they open and close (docs/inspections.md).</summary>
    public const string Inspections = "inspections";

    /// <summary>Dispute early warnings: confidential, read only by the filing station, the police posts they went to and the admin.</summary>
    public const string Disputes = "disputes";

    public static readonly IReadOnlyList<string> All = [Directory, Reports, TrackingCodes, Alerts, Poison, Secrets, Audit, FloodWindows, Devices, StationChannels, Deliveries, FigureFacts, Custody, Inspections, Disputes, Feedback, CannedReplies];
}

/// <summary>Blob container names (private: no public access; photos are served by an authenticated route).</summary>
public static class ContainerNames
{
    /// <summary>Reports' photos and thumbnails, re-encoded without metadata (<c>{area}/{trackingCode}/{n}.jpg</c>).</summary>
    public const string Photos = "photos";

    public static readonly IReadOnlyList<string> All = [Photos];
}
