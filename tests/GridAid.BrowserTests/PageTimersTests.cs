using System.Globalization;
using System.Text.RegularExpressions;
using GridAid.TestSupport;

namespace GridAid.BrowserTests;

/// <summary>The page timers that the browser tests' waits are derived from (<see cref="BrowserFixture"/>) are the pages' own.</summary>
public sealed partial class PageTimersTests
{
    private static string Script(string file) => File.ReadAllText(RepoPaths.Combine("web", "js", file));

    [Fact]
    public void The_status_page_refreshes_as_often_as_the_tests_assume()
    {
        var match = StatusRefresh().Match(Script("status.js"));

        Assert.True(match.Success, "web/js/status.js no longer refreshes with setTimeout(load, ms): update BrowserFixture.StatusPageRefresh.");
        Assert.Equal(BrowserFixture.StatusPageRefresh, TimeSpan.FromMilliseconds(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_form_waits_between_attempts_at_most_as_long_as_the_tests_assume()
    {
        var ceilings = RetryCeiling().Matches(Script("form.js")).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().ToList();

        Assert.True(ceilings.Count > 0, "web/js/form.js no longer caps its retry wait with Math.min(s, …): update BrowserFixture.FormRetryCeiling.");
        Assert.Equal(BrowserFixture.FormRetryCeiling, TimeSpan.FromSeconds(Assert.Single(ceilings)));
    }

    [GeneratedRegex(@"setTimeout\(load, (\d+)\)")]
    private static partial Regex StatusRefresh();

    [GeneratedRegex(@"Math\.min\((\d+), 2 \*\* ")]
    private static partial Regex RetryCeiling();
}
