using GridAid.Core.Reports;

namespace GridAid.Core.Figures;

/// <summary>Why feedback was not taken.</summary>
public enum FeedbackRefusal
{
    /// <summary>Stars outside 1–5, or a comment past <see cref="FeedbackRules.MaxComment"/>.</summary>
    Invalid,

    /// <summary>The report is not resolved (yet, or it was closed unattended): there is nothing to rate.</summary>
    NotResolved,
}

/// <summary>The reporter's feedback on a resolved report: 1–5 stars and an optional comment, once per report.</summary>
public static class FeedbackRules
{
    public const int MaxComment = 500;

    /// <summary>Why <paramref name="stars"/> and <paramref name="comment"/> cannot be taken for <paramref name="report"/>; null when they can.</summary>
    public static FeedbackRefusal? Check(Report report, int? stars, string? comment)
    {
        if (stars is not (>= 1 and <= 5) || comment is { Length: > MaxComment })
        {
            return FeedbackRefusal.Invalid;
        }

        return ReportFacts.ResolutionOf(report) is null ? FeedbackRefusal.NotResolved : null;
    }

    /// <summary>The comment as kept: trimmed, null when empty.</summary>
    public static string? Clean(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();

    /// <summary>Whether the status page asks for feedback: resolved, and none given yet.</summary>
    public static bool Asks(Report report, bool given) => !given && ReportFacts.ResolutionOf(report) is not null;
}
