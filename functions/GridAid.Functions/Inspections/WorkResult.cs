using GridAid.Core.Directory;
using GridAid.Core.Reports;

namespace GridAid.Functions.Inspections;

/// <summary>How a step of the grid's own work (an inspection, a dispute warning) ended.</summary>
public enum WorkOutcome
{
    Read,
    Created,
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>What an inspection or dispute handler returns: the outcome, the value to answer, the wrong fields, or the message of a refusal.</summary>
public sealed record WorkResult(WorkOutcome Outcome, object? Value = null, ValidationErrors? Errors = null, LocalizedText? Message = null)
{
    /// <summary>How often a write that lost to a concurrent one is read and tried again.</summary>
    public const int MaxAttempts = 5;

    public static InvalidOperationException KeptChanging(string what) => new($"{what} kept changing while it was written; try again.");

    public static WorkResult Read(object value) => new(WorkOutcome.Read, value);

    public static WorkResult Invalid(ValidationErrors errors) => new(WorkOutcome.Invalid, Errors: errors);

    public static WorkResult NotFound(LocalizedText message) => new(WorkOutcome.NotFound, Message: message);

    public static WorkResult Refused(WorkOutcome outcome, LocalizedText message) => new(outcome, Message: message);
}

/// <summary>The HTTP answer to each <see cref="WorkOutcome"/>, in the reader's language: the one mapping of inspections and disputes.</summary>
public static class WorkResults
{
    public static IActionResult ToHttp(WorkResult result, string? lang) => result.Outcome switch
    {
        WorkOutcome.Read => ApiResults.Json(result.Value!),
        WorkOutcome.Created => ApiResults.Json(result.Value!, StatusCodes.Status201Created),
        WorkOutcome.Invalid => ApiResults.ValidationProblem(result.Errors!, lang),
        WorkOutcome.NotFound => ApiResults.Problem(StatusCodes.Status404NotFound, result.Message!, lang),
        WorkOutcome.Forbidden => ApiResults.Problem(StatusCodes.Status403Forbidden, result.Message!, lang),
        WorkOutcome.Conflict => ApiResults.Problem(StatusCodes.Status409Conflict, result.Message!, lang),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "No answer for this outcome."),
    };
}
