using System.Text.Json.Nodes;

namespace GridAid.LocalHost.Web;

/// <summary>
/// The route rules of the Static Web App's <c>staticwebapp.config.json</c> (<c>infra/</c>, linked into the build
/// output), so the local host rewrites page requests exactly as the deployed site does. As on Azure, the rules are
/// tried in order and the first one whose <c>route</c> (and <c>methods</c>, if given) matches decides; only its
/// <c>rewrite</c> is applied here. Patterns: an exact path, or a path ending in <c>*</c> (everything that begins
/// with what comes before it: <c>/r/*</c> matches <c>/r/x</c> but not <c>/r</c>).
/// </summary>
public sealed class PageRewrites
{
    public const string FileName = "staticwebapp.config.json";

    private PageRewrites(IReadOnlyList<Rule> rules) => Rules = rules;

    /// <summary>One entry of <c>routes</c>: the pattern, its methods (null: all) and its rewrite target, if any.</summary>
    public sealed record Rule(string Route, IReadOnlySet<string>? Methods, string? Rewrite)
    {
        public bool Matches(string method, string path) =>
            (Methods is null || Methods.Contains(method)) &&
            (Route.EndsWith('*') ? path.StartsWith(Route[..^1], StringComparison.Ordinal) : path == Route);
    }

    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Reads the <c>routes</c> of a <c>staticwebapp.config.json</c>; a pattern this host cannot match is an error, not a silent difference.</summary>
    public static PageRewrites Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? new JsonObject();
        var rules = new List<Rule>();
        foreach (var node in root["routes"]?.AsArray() ?? [])
        {
            var route = node?["route"]?.GetValue<string>() ?? throw new InvalidDataException($"{path}: a route without \"route\".");
            var star = route.IndexOf('*', StringComparison.Ordinal);
            if (!route.StartsWith('/') || (star >= 0 && star != route.Length - 1))
            {
                throw new NotSupportedException($"{path}: the local host matches exact routes and routes ending in '*', not \"{route}\".");
            }

            var methods = node!["methods"]?.AsArray().Select(m => m!.GetValue<string>().ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
            rules.Add(new Rule(route, methods, node["rewrite"]?.GetValue<string>()));
        }

        return new PageRewrites(rules);
    }

    /// <summary>The path to serve instead of <paramref name="path"/>, or null when no rule rewrites it.</summary>
    public string? RewriteFor(string method, string path) => Rules.FirstOrDefault(r => r.Matches(method, path))?.Rewrite;
}
