using System.Diagnostics.CodeAnalysis;

namespace GridAid.Functions.Http;

/// <summary>What was read from a request: the value, or the answer that says why it could not be read.</summary>
public sealed class Read<T>
    where T : class
{
    private readonly T? _value;
    private readonly IActionResult? _problem;

    internal Read(T? value, IActionResult? problem) => (_value, _problem) = (value, problem);

    /// <summary><c>if (!req.ReadX().TryGet(out var x, out var problem)) return problem;</c></summary>
    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out IActionResult? problem)
    {
        (value, problem) = (_value, _problem);
        return value is not null;
    }
}

/// <summary>Makes <see cref="Read{T}"/> values.</summary>
public static class Read
{
    public static Read<T> Ok<T>(T value)
        where T : class => new(value, null);

    public static Read<T> Refused<T>(IActionResult problem)
        where T : class => new(null, problem);
}
