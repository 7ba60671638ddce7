using System.Security.Cryptography;
using System.Text;

namespace GridAid.Core.Reports;

/// <summary>
/// A hash of what a report says (kind, place, text, contact, details; not the language or the request id): a repeated
/// request id with the same fingerprint is a retry of one report, with another fingerprint it is a different report.
/// </summary>
public static class ReportFingerprint
{
    public static string Of(ValidReport r)
    {
        var fields = new[] { r.Kind.ToWire(), r.PointCode, r.AreaId, r.Description, r.Contact.Name, r.Contact.Phone }
            .Concat(r.Details.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => d.Key + "=" + d.Value))
            .Select(f => (f ?? string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\u001f", "\\u", StringComparison.Ordinal));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', fields))))[..32];
    }
}
