using System.Text;
using System.Text.Json;
using System.Xml;
using GridAid.Core.Serialization;

namespace GridAid.Functions.Open311;

/// <summary>
/// GeoReport v2's two formats, chosen by the resource's extension (<c>services.xml</c>, <c>services.json</c>). The XML
/// is the JSON answer mapped back by the specification's Spark convention (http://wiki.open311.org/JSON_and_XML_Conversion):
/// a list becomes an element named for the whole (<c>services</c>, <c>attributes</c>) holding one element per item named
/// for one (<c>service</c>, <c>attribute</c>); schemaless, no namespace, UTF-8 with the XML declaration, as the
/// specification asks. A null is an empty element (<c>&lt;account_id/&gt;</c>).
/// </summary>
public static class Open311Format
{
    public const string Json = "json";
    public const string Xml = "xml";

    /// <summary>What <c>discovery</c> lists: the MIME types of both formats.</summary>
    public static readonly IReadOnlyList<string> MimeTypes = ["text/xml", "application/json"];

    /// <summary>The element of one item of each list the answers hold.</summary>
    private static readonly Dictionary<string, string> ItemNames = new(StringComparer.Ordinal)
    {
        ["services"] = "service",
        ["service_requests"] = "request",
        ["errors"] = "error",
        ["attributes"] = "attribute",
        ["values"] = "value",
        ["endpoints"] = "endpoint",
        ["formats"] = "format",
    };

    public static bool IsKnown(string? format) => format is Json or Xml;

    /// <summary>
    /// The answer in <paramref name="format"/>: JSON as is, XML under <paramref name="root"/> (a list's root is named for
    /// the whole, e.g. <c>services</c>; an object's for itself, e.g. <c>service_definition</c>).
    /// </summary>
    public static IActionResult Answer(string format, string root, object value, int status = StatusCodes.Status200OK) =>
        format == Xml ? new XmlAnswer(root, value, status) : ApiResults.Json(value, status);

    /// <summary>The XML text of <paramref name="value"/> under <paramref name="root"/>.</summary>
    public static string ToXml(string root, object value)
    {
        var json = JsonSerializer.SerializeToElement(value, value.GetType(), GridAidJson.Options);
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriterUtf8(text), new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            Write(writer, root, json);
            writer.WriteEndDocument();
        }

        return text.ToString();
    }

    private static void Write(XmlWriter writer, string name, JsonElement value)
    {
        writer.WriteStartElement(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    Write(writer, property.Name, property.Value);
                }

                break;
            case JsonValueKind.Array:
                var item = ItemNames.GetValueOrDefault(name, "item");
                foreach (var each in value.EnumerateArray())
                {
                    Write(writer, item, each);
                }

                break;
            case JsonValueKind.String:
                writer.WriteString(value.GetString());
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                // Numbers and true/false as JSON writes them.
                writer.WriteString(value.GetRawText());
                break;
        }

        writer.WriteEndElement();
    }

    private sealed class XmlAnswer(string root, object value, int status) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/xml; charset=utf-8";
            await response.WriteAsync(ToXml(root, value), Encoding.UTF8, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>A string writer that declares UTF-8 (a plain one declares UTF-16), since the answer is sent as UTF-8.</summary>
    private sealed class StringWriterUtf8(StringBuilder text) : StringWriter(text, System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
