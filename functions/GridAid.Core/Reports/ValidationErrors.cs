namespace GridAid.Core.Reports;

/// <summary>One problem with one field, with its message in every language.</summary>
public sealed record FieldError(string Field, string Code, Directory.LocalizedText Text)
{
    public string Zh => Text.Zh;

    public string En => Text.En;

    public string Message(string? lang) => Text.For(lang);
}

/// <summary>The problems found in a submission, keyed by field path (<c>contact.phone</c>, <c>details.age</c>).</summary>
public sealed class ValidationErrors
{
    private readonly List<FieldError> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyList<FieldError> All => _errors;

    public void Add(string field, string code, string zh, string en) => Add(field, code, new Directory.LocalizedText(zh, en));

    public void Add(string field, string code, Directory.LocalizedText text) => _errors.Add(new FieldError(field, code, text));

    /// <summary>Messages per field in the reader's language, the shape of ASP.NET's validation problem details.</summary>
    public IDictionary<string, string[]> ToDictionary(string? lang) =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message(lang)).ToArray(), StringComparer.Ordinal);

    /// <summary>Stable codes per field, so a page can show its own strings in any language.</summary>
    public IDictionary<string, string[]> Codes() =>
        _errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray(), StringComparer.Ordinal);
}
