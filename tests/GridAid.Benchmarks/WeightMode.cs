using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace GridAid.Benchmarks;

/// <summary>
/// Page weight: <c>/r/{point}</c> and everything its HTML names (scripts, stylesheets, images, icons, manifest), what
/// those stylesheets and scripts name in turn (url(...), imports, .json/.svg literals), and the point lookup the form
/// calls, each fetched with <c>Accept-Encoding: br, gzip</c> and counted as the compressed bytes on the wire.
/// </summary>
public static partial class WeightMode
{
    public static async Task<WeightResult> RunAsync(Uri baseAddress, string point, Progress log, CancellationToken ct)
    {
        using var http = Workload.CreateClient(baseAddress, decompress: false);
        var page = new Uri(baseAddress, $"r/{point}");
        var rows = new List<WeightRow>();
        var queue = new Queue<Uri>([page]);
        var guessed = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var callsPointApi = false;
        while (queue.Count > 0 && rows.Count < 60)
        {
            var url = queue.Dequeue();
            if (!visited.Add(url.AbsoluteUri))
            {
                continue;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            using var response = await http.SendAsync(request, ct);
            var raw = await response.Content.ReadAsByteArrayAsync(ct);
            var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
            var decoded = Decode(raw, encoding);
            var type = response.Content.Headers.ContentType?.MediaType;
            if (guessed.Contains(url.AbsoluteUri) && (response.StatusCode != HttpStatusCode.OK || type == "text/html"))
            {
                // A string in a script that looked like a file but is not one the page loads.
                continue;
            }

            rows.Add(new WeightRow(url.PathAndQuery, (int)response.StatusCode, type, encoding, raw.LongLength, decoded.LongLength));
            if (response.StatusCode != HttpStatusCode.OK || url.Host != baseAddress.Host || url.Port != baseAddress.Port)
            {
                continue;
            }

            var text = Encoding.UTF8.GetString(decoded);
            IEnumerable<string> refs = type switch
            {
                "text/html" => HtmlRefs().Matches(text).Select(m => m.Groups["u"].Value),
                "text/css" => CssRefs().Matches(text).Select(m => m.Groups["u"].Value),
                "text/javascript" or "application/javascript" => JsRefs().Matches(text).Select(m => m.Groups["u"].Value),
                _ => [],
            };
            if (type is "text/javascript" or "application/javascript" && text.Contains("/api/points", StringComparison.Ordinal))
            {
                callsPointApi = true;
            }

            // i18n.js builds the strings URL at run time; a Chinese-speaking phone loads the zh-CN file.
            if (type is "text/javascript" or "application/javascript" && text.Contains("'/i18n/'", StringComparison.Ordinal))
            {
                queue.Enqueue(new Uri(baseAddress, "i18n/zh-CN.json"));
            }

            foreach (var r in refs)
            {
                if (r.StartsWith("data:", StringComparison.Ordinal) || r.StartsWith('#') || r.Contains("${", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Uri.TryCreate(url, r, out var next) && next.Scheme is "http" or "https" && next.Host == baseAddress.Host && next.Port == baseAddress.Port)
                {
                    if (type is not "text/html")
                    {
                        guessed.Add(next.AbsoluteUri);
                    }

                    queue.Enqueue(next);
                }
            }

            if (queue.Count == 0 && callsPointApi)
            {
                callsPointApi = false;
                queue.Enqueue(new Uri(baseAddress, $"api/points/{point}"));
            }
        }

        var ok = rows.Where(r => r.Status == 200).ToList();
        var note = rows.FirstOrDefault()?.Status != 200 ? $"The form page answered {rows.FirstOrDefault()?.Status}: nothing to weigh yet." : null;
        var result = new WeightResult(page.PathAndQuery, rows, ok.Sum(r => r.TransferredBytes), ok.Sum(r => r.DecodedBytes), note);
        log.Line($"weight: {result.TransferredBytes} bytes transferred ({result.DecodedBytes} decoded) in {ok.Count} responses");
        return result;
    }

    private static byte[] Decode(byte[] raw, string? encoding)
    {
        Stream? decoder = encoding switch
        {
            "br" => new BrotliStream(new MemoryStream(raw), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(raw), CompressionMode.Decompress),
            _ => null,
        };
        if (decoder is null)
        {
            return raw;
        }

        using (decoder)
        {
            using var output = new MemoryStream();
            decoder.CopyTo(output);
            return output.ToArray();
        }
    }

    [GeneratedRegex("""<(?:script|link|img|source|iframe)\b[^>]*?\b(?:src|href)\s*=\s*["'](?<u>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlRefs();

    [GeneratedRegex("""(?:url\(\s*["']?(?<u>[^"')]+)["']?\s*\)|@import\s+["'](?<u>[^"']+)["'])""", RegexOptions.IgnoreCase)]
    private static partial Regex CssRefs();

    [GeneratedRegex("""["'`](?<u>(?:\.{0,2}/)?[\w\-./]+\.(?:js|mjs|json|css|svg|png|webp|woff2?))["'`]""")]
    private static partial Regex JsRefs();
}
