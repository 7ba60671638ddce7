namespace GridAid.Core.Reports;

/// <summary>What a tourist's form sends, before validation. Every field may be missing or wrong.</summary>
public sealed class ReportSubmission
{
    /// <summary>The honeypot's field name, in the form and in JSON (<see cref="Website"/>).</summary>
    public const string HoneypotField = "website";

    public string? Kind { get; set; }

    public string? Point { get; set; }

    /// <summary>The area, when no point is given (a typed URL). Defaults to the deployment's default area.</summary>
    public string? Area { get; set; }

    public string? Description { get; set; }

    public ContactSubmission? Contact { get; set; }

    public string? Lang { get; set; }

    public string? ClientRequestId { get; set; }

    public Dictionary<string, string?>? Details { get; set; }

    /// <summary>
    /// The honeypot: a field the form hides from people (off screen, out of the tab order, hidden from screen readers,
    /// no autofill) that only a bot fills in. A submission with anything in it is refused (<see cref="ReportValidator"/>).
    /// </summary>
    public string? Website { get; set; }
}

public sealed class ContactSubmission
{
    public string? Name { get; set; }

    public string? Phone { get; set; }
}
