namespace GridAid.Cli;

/// <summary>
/// A command line split into words and options: <c>--name value</c> or <c>--name=value</c>, and flags that take no
/// value. Anything not declared is an error, so a typo never passes unnoticed.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArgs(IReadOnlyList<string> words) => Words = words;

    /// <summary>Everything that is not an option, in order (the command, its subcommand, its arguments).</summary>
    public IReadOnlyList<string> Words { get; }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    public bool Has(string name) => _options.ContainsKey(name) || _flags.Contains(name);

    /// <summary>Splits <paramref name="args"/>; <paramref name="error"/> says what is wrong when it returns null.</summary>
    public static CliArgs? Parse(IReadOnlyList<string> args, IReadOnlySet<string> options, IReadOnlySet<string> flags, out string? error)
    {
        var words = new List<string>();
        var parsed = new CliArgs(words);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                words.Add(arg);
                continue;
            }

            var (name, value) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
            if (parsed.Has(name))
            {
                error = $"{name} is given twice";
                return null;
            }

            if (flags.Contains(name) && value is null)
            {
                parsed._flags.Add(name);
            }
            else if (options.Contains(name))
            {
                if (value is null && (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
                {
                    error = $"{name} needs a value";
                    return null;
                }

                parsed._options[name] = value ?? args[++i];
            }
            else
            {
                error = $"unknown option {name}";
                return null;
            }
        }

        return parsed;
    }
}
