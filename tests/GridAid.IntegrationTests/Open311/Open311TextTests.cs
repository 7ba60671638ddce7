using GridAid.Core.Directory;
using GridAid.Core.Reports;
using GridAid.Functions.Open311;

namespace GridAid.IntegrationTests.Open311;

/// <summary>
/// Open311's names, labels and notes come from the report form's language files: every kind, field, choice, status
/// and timeline note has its string in both languages, so no Open311 answer can fail on a missing one.
/// </summary>
public sealed class Open311TextTests
{
    public static TheoryData<string> Languages() => [Language.Chinese, Language.English];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_service_and_attribute_has_its_text(string lang)
    {
        var services = Open311Services.List(lang);
        Assert.Equal(ReportKinds.All.Count, services.Count);
        Assert.All(services, s => Assert.False(string.IsNullOrWhiteSpace(s.ServiceName)));
        foreach (var kind in ReportKinds.All)
        {
            var attributes = Open311Services.Definition(kind, lang).Attributes;
            Assert.Equal(ReportDetailFields.ByKind[kind].Select(f => f.Name), attributes.Select(a => a.Code));
            // A choice's name is its own string, never the key echoed back.
            Assert.All(attributes.Where(a => a.Values is not null).SelectMany(a => a.Values!), v => Assert.NotEqual(v.Key, v.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_status_and_timeline_note_reads_as_status_notes(string lang)
    {
        var at = DateTimeOffset.Parse("2026-10-01T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        var notes = new string?[] { null, TimelineNotes.Escalated, TimelineNotes.Redacted, TimelineNotes.RoutingFailed, TimelineNotes.ClosedUnattended, TimelineNotes.TransferredTo + "ts-lost-found" };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            foreach (var note in notes)
            {
                var report = new Report
                {
                    AreaId = "taishan",
                    TrackingCode = "K7QM-3XRT",
                    Kind = ReportKind.Tip,
                    SubmittedAt = at,
                    Status = status,
                    Timeline = [new TimelineEntry(at, status, "ts-daiding-police", note)],
                };
                var view = Open311Requests.View(report, null, lang);
                Assert.EndsWith(" · ts-daiding-police", view.StatusNotes, StringComparison.Ordinal);
                Assert.Equal(status >= ReportStatus.Resolved ? "closed" : "open", view.Status);
                seen.Add(view.StatusNotes);
            }
        }

        // Each status and each note says something of its own.
        Assert.Equal(Enum.GetValues<ReportStatus>().Length + notes.Length - 1, seen.Count);
    }
}
