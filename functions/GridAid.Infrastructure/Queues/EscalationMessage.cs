namespace GridAid.Infrastructure.Queues;

/// <summary>"Check this urgent report for an acknowledgement": sent when it is routed, visible only after the delay.</summary>
public sealed record EscalationMessage(string AreaId, string TrackingCode, string ReportKey);
