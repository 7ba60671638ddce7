namespace GridAid.Core.Figures;

/// <summary>
/// The names of the counted figures, as they appear in the dashboard's JSON (camelCase). A metric may carry one
/// dimension after a dot (<c>questionsAnswered.directions</c>, <c>minutesToResolve.hazard</c>,
/// <c>peopleReunited.3_6</c>): the roll-ups count the full name, the dashboard sums by the part before the dot.
/// </summary>
public static class FigureMetrics
{
    public const string QuestionsAnswered = "questionsAnswered";
    public const string InspectionsDone = "inspectionsDone";
    public const string RectificationsOpened = "rectificationsOpened";
    public const string RectificationsClosed = "rectificationsClosed";
    public const string RectificationsOverdue = "rectificationsOverdue";
    public const string DisputesFiled = "disputesFiled";
    public const string DisputesMediated = "disputesMediated";

    /// <summary>A report reached its stations (dimension: the report's kind); tips passed are the routed tips.</summary>
    public const string ReportsRouted = "reportsRouted";

    /// <summary>A lost person found and reunited, or a found person handed over (dimension: the age band).</summary>
    public const string PeopleReunited = "peopleReunited";

    /// <summary>A lost item handed over to its owner (the sought side of a pair: a pair counts once).</summary>
    public const string ItemsReturned = "itemsReturned";

    /// <summary>A hazard report resolved.</summary>
    public const string HazardsFixed = "hazardsFixed";

    /// <summary>A station's first acknowledgement of a report, valued in minutes since it was submitted (dimension: kind).</summary>
    public const string MinutesToAcknowledge = "minutesToAcknowledge";

    /// <summary>A report resolved, valued in minutes since it was submitted (dimension: kind).</summary>
    public const string MinutesToResolve = "minutesToResolve";

    /// <summary>The reporter's stars (1–5) for a resolved report, on the station that resolved it.</summary>
    public const string Feedback = "feedback";

    /// <summary>The topics a station counts a question under.</summary>
    public static readonly IReadOnlyList<string> QuestionTopics = ["directions", "tickets", "cable_car", "weather", "lost_and_found", "other"];

    /// <summary>Metrics valued in minutes: their roll-ups keep a histogram (<see cref="MinuteBuckets"/>).</summary>
    public static bool IsTimed(string metric) => BaseOf(metric) is MinutesToAcknowledge or MinutesToResolve;

    /// <summary><paramref name="metric"/> with <paramref name="dimension"/> after a dot.</summary>
    public static string With(string metric, string dimension) => metric + "." + dimension;

    /// <summary>The metric without its dimension.</summary>
    public static string BaseOf(string metric) => metric.IndexOf('.', StringComparison.Ordinal) is var i and >= 0 ? metric[..i] : metric;

    /// <summary>The metric's dimension, or null.</summary>
    public static string? DimensionOf(string metric) => metric.IndexOf('.', StringComparison.Ordinal) is var i and >= 0 ? metric[(i + 1)..] : null;
}
