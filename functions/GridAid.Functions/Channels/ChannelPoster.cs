using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GridAid.Core.Channels;

namespace GridAid.Functions.Channels;

/// <summary>How one post ended: delivered, or why not in a few words (never the URL: it may carry a robot's key).</summary>
public sealed record PostResult(bool Delivered, string? Error = null);

/// <summary>
/// Posts one notice to one channel with the named client (<see cref="ChannelHttp"/>). WeCom and DingTalk answer HTTP 200
/// with <c>{"errcode":0}</c> when they took the message; any other errcode, a non-2xx status, a timeout or a refused target
/// is a failure.
/// </summary>
public sealed class ChannelPoster(IHttpClientFactory clients, TimeProvider clock)
{
    public async Task<PostResult> PostAsync(Channel channel, ChannelNotice notice, CancellationToken ct)
    {
        var request = ChannelMessages.Build(channel, notice, clock.GetUtcNow());
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await clients.CreateClient(ChannelHttp.Name).SendAsync(message, HttpCompletionOption.ResponseContentRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                return new PostResult(false, $"HTTP {(int)response.StatusCode}");
            }

            return channel.Type == ChannelType.Webhook ? new PostResult(true) : VendorAnswer(await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedTargetException refused)
        {
            return new PostResult(false, refused.Message);
        }
        catch (HttpRequestException e)
        {
            return new PostResult(false, e.HttpRequestError.ToString());
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return new PostResult(false, "Timeout");
        }
    }

    /// <summary>A robot's answer: <c>errcode</c> 0 is delivered; otherwise its code and message.</summary>
    public static PostResult VendorAnswer(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errcode", out var code) && code.ValueKind == JsonValueKind.Number)
            {
                return code.GetInt64() == 0
                    ? new PostResult(true)
                    : new PostResult(false, $"errcode {code.GetInt64()}: {(doc.RootElement.TryGetProperty("errmsg", out var m) ? m.ToString() : string.Empty)}");
            }
        }
        catch (JsonException)
        {
            // Not JSON: not a robot's answer.
        }

        return new PostResult(false, "Unexpected answer");
    }
}
