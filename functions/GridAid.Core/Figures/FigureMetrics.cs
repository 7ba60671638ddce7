namespace GridAid.Core.Figures;

/// <summary>The names of the counted figures, as they appear in the dashboard's JSON (camelCase).</summary>
public static class FigureMetrics
{
    public const string QuestionsAnswered = "questionsAnswered";
    public const string InspectionsDone = "inspectionsDone";
    public const string RectificationsOpened = "rectificationsOpened";
    public const string RectificationsClosed = "rectificationsClosed";
    public const string RectificationsOverdue = "rectificationsOverdue";
    public const string DisputesFiled = "disputesFiled";
    public const string DisputesMediated = "disputesMediated";
}
