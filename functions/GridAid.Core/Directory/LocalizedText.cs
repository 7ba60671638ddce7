namespace GridAid.Core.Directory;

/// <summary>A name in Simplified Chinese (shown first) and English.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    public string For(string? lang) => Language.IsEnglish(lang) ? En : Zh;

    public override string ToString() => $"{Zh} · {En}";
}

public static class Language
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static bool IsEnglish(string? lang) =>
        lang is not null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    public static string Normalize(string? lang) => IsEnglish(lang) ? English : Chinese;
}
