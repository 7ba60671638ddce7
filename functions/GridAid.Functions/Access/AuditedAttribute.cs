namespace GridAid.Functions.Access;

/// <summary>
/// Declares that every admitted call of this function is written to the area's audit (who, what, when, the answer's
/// status; never a body or personal data). <see cref="AccessGate"/> records it as the answer starts, under both hosts.
/// Every admin function that changes or exports data carries it; a test holds that rule.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AuditedAttribute : Attribute;
