using System.Text.Json;

namespace GridAid.Infra.Tests;

/// <summary>
/// Microsoft's built-in role ids as copied into BuiltInRoles.json from
/// https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles (read 2026-12-01).
/// The tests look a role up here by its name, so they hold the template to Microsoft's table, not to itself.
/// </summary>
public static class BuiltInRoles
{
    private static readonly Lazy<Table> Loaded = new(Load);

    /// <summary>The page the rows were copied from.</summary>
    public static string Source => Loaded.Value.Source;

    /// <summary>The date the page was read.</summary>
    public static string ReadOn => Loaded.Value.ReadOn;

    /// <summary>Role name (as Microsoft spells it) to role definition id, every copied section together.</summary>
    public static IReadOnlyDictionary<string, string> ByName => Loaded.Value.ByName;

    /// <summary>The copied sections (Privileged, General, Storage, Integration, Monitor), each name to id.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Sections => Loaded.Value.Sections;

    /// <summary>The id Microsoft lists for <paramref name="roleName"/>; fails the test when the name is not in the table.</summary>
    public static string IdOf(string roleName)
    {
        Assert.True(ByName.TryGetValue(roleName, out var id), $"'{roleName}' is not in BuiltInRoles.json ({Source}).");
        return id!;
    }

    private static Table Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "BuiltInRoles.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;

        var sections = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in root.GetProperty("sections").EnumerateObject())
        {
            var rows = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var row in section.Value.EnumerateObject())
            {
                var id = row.Value.GetString()!;
                rows.Add(row.Name, id);
                byName.Add(row.Name, id);
            }

            sections.Add(section.Name, rows);
        }

        return new Table(root.GetProperty("source").GetString()!, root.GetProperty("readOn").GetString()!, byName, sections);
    }

    private sealed record Table(
        string Source,
        string ReadOn,
        IReadOnlyDictionary<string, string> ByName,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Sections);
}
