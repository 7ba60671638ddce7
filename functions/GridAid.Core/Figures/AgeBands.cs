using GridAid.Core.Reports;

namespace GridAid.Core.Figures;

/// <summary>The age bands people reunited are counted by: the found-person form's bands (<see cref="ReportDetailFields.AgeBands"/>).</summary>
public static class AgeBands
{
    public const string Unknown = "unknown";

    /// <summary>The bands of children (under 18).</summary>
    public static readonly IReadOnlyList<string> Children = ["0_2", "3_6", "7_12", "13_17"];

    /// <summary>The band of elders (60 and over).</summary>
    public const string Elders = "60_plus";

    /// <summary>The band of an age in years: 0–2, 3–6, 7–12, 13–17, 18–59, 60 and over.</summary>
    public static string Of(int age) => age switch
    {
        < 0 => Unknown,
        <= 2 => "0_2",
        <= 6 => "3_6",
        <= 12 => "7_12",
        <= 17 => "13_17",
        <= 59 => "18_59",
        _ => Elders,
    };

    /// <summary>A person report's band: a lost person's stated age, a found person's band as the finder guessed it.</summary>
    public static string Of(Report report) =>
        report.Kind == ReportKind.LostPerson
            ? report.Details.TryGetValue("age", out var age) && int.TryParse(age, System.Globalization.CultureInfo.InvariantCulture, out var years) ? Of(years) : Unknown
            : report.Details.TryGetValue("ageBand", out var band) && ReportDetailFields.AgeBands.Contains(band) ? band : Unknown;
}
