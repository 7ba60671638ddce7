using GridAid.Core.Serialization;

namespace GridAid.Infrastructure.Tables;

/// <summary>Lists and maps stored as JSON columns, with the app's one serializer.</summary>
internal static class TableJson
{
    public static string Write<T>(T value) => GridAidJson.Serialize(value);

    public static T Read<T>(string? json, T fallback) =>
        string.IsNullOrEmpty(json) ? fallback : GridAidJson.Deserialize<T>(json) ?? fallback;
}
