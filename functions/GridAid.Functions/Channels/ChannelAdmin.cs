using GridAid.Core.Alerts;
using GridAid.Core.Channels;
using GridAid.Core.Reports;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Logging;
using GridAid.Core.Text;

namespace GridAid.Functions.Channels;

/// <summary>How a channel request ended.</summary>
public enum ChannelOutcome
{
    Read,
    Saved,
    Invalid,
    StationNotFound,
    ChannelNotFound,
    Tested,
}

public sealed record ChannelResult(ChannelOutcome Outcome, object? Value = null, ValidationErrors? Errors = null);

/// <summary>What a test post answers: whether the channel took it, and why not.</summary>
public sealed record ChannelTestResult(int Index, ChannelType Type, bool Delivered, string? Error);

/// <summary>
/// The area admin sets a station's channels (the whole list at once; secrets are write-only), sends a test message to one,
/// and reads the failed deliveries. A channel URL is checked twice against the SSRF guard: its form here and where its host
/// resolves to (<see cref="ChannelHttp.ResolveAllowedAsync"/>), then again on every post.
/// </summary>
public sealed class ChannelAdmin(
    ChannelStore channels,
    DeliveryStore deliveries,
    DirectoryCache directory,
    ChannelPoster poster,
    IOptions<GridAidOptions> options,
    TimeProvider clock,
    ILogger<ChannelAdmin> logger)
{
    public const int FailedListSize = 50;

    private bool AllowPrivate => options.Value.Channels.AllowPrivateTargets;

    public async Task<ChannelResult> GetAsync(string areaId, string stationId, CancellationToken ct)
    {
        if (!await StationExistsAsync(areaId, stationId, ct))
        {
            return new ChannelResult(ChannelOutcome.StationNotFound);
        }

        return new ChannelResult(ChannelOutcome.Read, Views(await channels.GetAsync(areaId, stationId, ct)));
    }

    public async Task<ChannelResult> PutAsync(string areaId, string stationId, IReadOnlyList<ChannelInput?>? input, CancellationToken ct)
    {
        if (!await StationExistsAsync(areaId, stationId, ct))
        {
            return new ChannelResult(ChannelOutcome.StationNotFound);
        }

        var (valid, errors) = ChannelRules.Check(input, AllowPrivate);
        if (valid is null)
        {
            return new ChannelResult(ChannelOutcome.Invalid, Errors: errors);
        }

        for (var i = 0; i < valid.Count; i++)
        {
            try
            {
                await ChannelHttp.ResolveAllowedAsync(new Uri(valid[i].Url).DnsSafeHost, AllowPrivate, ct);
            }
            catch (RefusedTargetException)
            {
                var refusal = await ResolvesAsync(valid[i].Url, ct) ? TargetAddress.NotPublic : TargetAddress.Unresolved;
                errors.Add($"channels[{i}].url", refusal.Code, refusal.Text);
            }
        }

        if (!errors.IsValid)
        {
            return new ChannelResult(ChannelOutcome.Invalid, Errors: errors);
        }

        await channels.PutAsync(areaId, stationId, valid, ct);
        // The types only: a URL can carry a robot's key, and a secret is never logged.
        logger.LogInformation("Station {StationId} of {AreaId} now has {Count} channels ({Types})", stationId, areaId, valid.Count, string.Join(",", valid.Select(c => c.Type)));
        return new ChannelResult(ChannelOutcome.Saved, Views(valid));
    }

    /// <summary>Posts a test notice to one channel now and answers how it went (nothing is recorded).</summary>
    public async Task<ChannelResult> TestAsync(string areaId, string stationId, int index, CancellationToken ct)
    {
        var area = await directory.GetAsync(areaId, ct);
        if (area?.FindStation(stationId) is not { } station)
        {
            return new ChannelResult(ChannelOutcome.StationNotFound);
        }

        var list = await channels.GetAsync(areaId, stationId, ct);
        if (index < 0 || index >= list.Count)
        {
            return new ChannelResult(ChannelOutcome.ChannelNotFound);
        }

        var now = clock.GetUtcNow();
        var sample = new Alert
        {
            AreaId = areaId,
            StationId = stationId,
            TrackingCode = "TEST-0000",
            Kind = ReportKind.Tip,
            PointName = station.Name.ToString(),
            Description = Texts.Of("channel.testMessage").ToString(),
            SubmittedAt = now,
            RoutedAt = now,
        };
        var notice = ChannelNotice.For(sample, NoticeSteps.Test, index, now, options.Value.AreaTimeZone(), ChannelFanOut.InboxUrl(options.Value)) with
        {
            Id = ChannelNotice.DeliveryId("TEST-" + now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), stationId, NoticeSteps.Test, index),
        };
        var result = await poster.PostAsync(list[index], notice, ct);
        return new ChannelResult(ChannelOutcome.Tested, new ChannelTestResult(index, list[index].Type, result.Delivered, result.Error));
    }

    /// <summary>The area's failed deliveries (of one station when named), newest first.</summary>
    public Task<IReadOnlyList<DeliveryRecord>> FailedAsync(string areaId, string? stationId, CancellationToken ct) =>
        deliveries.ListFailedAsync(areaId, stationId, FailedListSize, ct);

    private static List<ChannelView> Views(IReadOnlyList<Channel> list) => list.Select(ChannelView.From).ToList();

    private async Task<bool> StationExistsAsync(string areaId, string stationId, CancellationToken ct) =>
        (await directory.GetAsync(areaId, ct))?.FindStation(stationId) is not null;

    private static async Task<bool> ResolvesAsync(string url, CancellationToken ct)
    {
        try
        {
            return (await System.Net.Dns.GetHostAddressesAsync(new Uri(url).DnsSafeHost, ct)).Length > 0;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
