using GridAid.Core.Reports;

namespace GridAid.Core.Tests;

/// <summary>The stable codes of one field's errors, for the rules tests.</summary>
internal static class FieldCodes
{
    public static string[] Codes(this ValidationErrors errors, string field) =>
        errors.All.Where(e => e.Field == field).Select(e => e.Code).ToArray();
}
