using System.Reflection;
using System.Text.Json;
using GridAid.TestSupport;

namespace GridAid.IntegrationTests;

/// <summary>
/// One function as the Worker SDK's generated <c>functions.metadata</c> describes it to the Functions host. A timer's
/// <c>runOnStartup</c> and <c>useMonitor</c> are there only when its attribute sets them (null otherwise).
/// </summary>
public sealed record FunctionEntry(
    string Name, string EntryPoint, string Kind, string? Route, string Methods, string? Queue,
    string? Schedule = null, bool? RunOnStartup = null, bool? UseMonitor = null);

/// <summary>Reads the <c>functions.metadata</c> that building GridAid.FunctionApp generates: what the real host will serve.</summary>
public static class FunctionsMetadata
{
    public static string Path()
    {
        var configuration = typeof(FunctionsMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        return RepoPaths.Combine("functions", "GridAid.FunctionApp", "bin", configuration, "net10.0", "functions.metadata");
    }

    public static IReadOnlyList<FunctionEntry> All()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path()));
        return doc.RootElement.EnumerateArray().Select(fn =>
        {
            var trigger = fn.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Equal("GridAid.Functions.dll", fn.GetProperty("scriptFile").GetString());
            return new FunctionEntry(
                fn.GetProperty("name").GetString()!,
                fn.GetProperty("entryPoint").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("route", out var r) ? r.GetString() : null,
                trigger.TryGetProperty("methods", out var m) ? string.Join(',', m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).Order()) : string.Empty,
                trigger.TryGetProperty("queueName", out var q) ? q.GetString() : null,
                trigger.TryGetProperty("schedule", out var s) ? s.GetString() : null,
                trigger.TryGetProperty("runOnStartup", out var startup) ? startup.GetBoolean() : null,
                trigger.TryGetProperty("useMonitor", out var monitor) ? monitor.GetBoolean() : null);
        }).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    public static IEnumerable<FunctionEntry> Http() => All().Where(f => f.Kind == "httpTrigger");

    public static IEnumerable<FunctionEntry> Timers() => All().Where(f => f.Kind == "timerTrigger");
}
