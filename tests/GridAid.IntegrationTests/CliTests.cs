using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using GridAid.Cli;
using GridAid.Core.Demo;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.IntegrationTests;

/// <summary>
/// The operator's tool, run in-process on the fixture's Azurite with the app's storage setting, and checked through
/// the fixture's local host on the same storage. Each test creates areas of its own (<c>cli-…</c>).
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed partial class CliTests(GridAidFixture f)
{
    private static string NewAreaId() => "cli-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageOptions.SettingName] = f.Azurite.ConnectionString })
            .Build();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CliApp.RunAsync(args, configuration, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs a command that prints a credential: standard output is that one line and nothing else.</summary>
    private async Task<string> CredentialFromAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.True(exit == CliApp.Ok, error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('\r');
        Assert.Matches(Credential(), line);
        return line;
    }

    private async Task<HttpStatusCode> AdminStatusAsync(string credential)
    {
        using var response = await f.SendAsync(HttpMethod.Get, "/api/admin/directory", new AuthenticationHeaderValue("Bearer", credential));
        return response.StatusCode;
    }

    [Fact]
    public async Task Area_create_prints_an_admin_credential_that_signs_in_and_the_area_takes_reports_and_is_listed()
    {
        var id = NewAreaId();
        var credential = await CredentialFromAsync(
            "area", "create", id, "--name-zh", "华山风景区", "--name-en=Mount Hua Scenic Area",
            "--duty-station-id", "hs-police", "--duty-station-name-zh", "华山派出所", "--duty-station-name-en", "Huashan Police Post");
        Assert.StartsWith(id + ".admin.", credential, StringComparison.Ordinal);

        var directory = await f.GetJsonAsync("/api/admin/directory", new AuthenticationHeaderValue("Bearer", credential));
        Assert.Equal("Mount Hua Scenic Area", directory.GetProperty("area").GetProperty("name").GetProperty("en").GetString());
        Assert.Equal("hs-police", directory.GetProperty("area").GetProperty("defaultStationId").GetString());
        var station = Assert.Single(directory.GetProperty("stations").EnumerateArray());
        Assert.Equal("police_post", station.GetProperty("type").GetString());

        // A fresh area takes reports: they reach its duty station (read here by the admin).
        var code = await f.SubmitAsync(new { kind = "lost_person", area = id, description = "一位穿红色外套的老人", contact = new { phone = "13800138000" }, lang = "zh-CN", clientRequestId = GridAidFixture.NewRequestId(), details = new { age = "70", clothing = "红色外套" } });
        await f.WaitForAlertAsync("hs-police", code, new AuthenticationHeaderValue("Bearer", credential));

        var (exit, listed, _) = await RunAsync("area", "list");
        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains($"{id}\t华山风景区\tMount Hua Scenic Area\tduty station: hs-police", listed, StringComparison.Ordinal);
        Assert.Contains($"{TaishanDemo.AreaId}\t", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_area_that_exists_fails_plainly_and_changes_nothing()
    {
        var id = NewAreaId();
        var credential = await CredentialFromAsync("area", "create", id, "--name-zh", "一", "--name-en", "One");

        var (exit, output, error) = await RunAsync("area", "create", id, "--name-zh", "二", "--name-en", "Two");

        Assert.Equal(CliApp.Failed, exit);
        Assert.Empty(output);
        Assert.Contains($"area '{id}' exists already", error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(credential));
        var directory = await f.GetJsonAsync("/api/admin/directory", new AuthenticationHeaderValue("Bearer", credential));
        Assert.Equal("One", directory.GetProperty("area").GetProperty("name").GetProperty("en").GetString());

        // The demo area too: the tool never overwrites it.
        var (demoExit, _, demoError) = await RunAsync("area", "create", TaishanDemo.AreaId, "--name-zh", "泰山", "--name-en", "Tai");
        Assert.Equal(CliApp.Failed, demoExit);
        Assert.Contains("exists already", demoError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync("taishan.admin.demo-admin"));
    }

    [Fact]
    public async Task Admin_rotate_prints_a_new_credential_and_the_old_code_stops_working()
    {
        var id = NewAreaId();
        var first = await CredentialFromAsync("area", "create", id, "--name-zh", "一", "--name-en", "One");
        Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(first));

        var second = await CredentialFromAsync("admin", "rotate", id);

        // A running instance forgets a cached code within 30 s; clearing this host's cache stands in for the wait.
        f.Host.Get<DirectoryCache>().Clear();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, await AdminStatusAsync(first));
        Assert.Equal(HttpStatusCode.OK, await AdminStatusAsync(second));

        // Both show in the area's audit, next to the admins' own actions.
        var audit = await f.GetJsonAsync("/api/admin/audit", new AuthenticationHeaderValue("Bearer", second));
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("principal").GetString(), e.GetProperty("action").GetString())).ToList();
        Assert.Equal([(CliApp.AuditPrincipal, "AdminRotate"), (CliApp.AuditPrincipal, "AreaCreate")], actions.Where(a => a.Item1 == CliApp.AuditPrincipal).ToList());

        var (exit, output, error) = await RunAsync("admin", "rotate", "cli-nowhere");
        Assert.Equal(CliApp.Failed, exit);
        Assert.Empty(output);
        Assert.Contains("no area 'cli-nowhere'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_directory_is_written_under_the_new_area_without_the_public_demo_codes()
    {
        var id = NewAreaId();
        var credential = await CredentialFromAsync("area", "create", id, "--name-zh", "演示景区", "--name-en", "Demo Area", "--demo-directory");

        var directory = await f.GetJsonAsync("/api/admin/directory", new AuthenticationHeaderValue("Bearer", credential));
        Assert.Equal(TaishanDemo.Seed.Stations.Count, directory.GetProperty("stations").GetArrayLength());
        Assert.Equal(TaishanDemo.Seed.Cells.Count, directory.GetProperty("cells").GetArrayLength());
        Assert.Equal(TaishanDemo.Seed.Points.Count, directory.GetProperty("points").GetArrayLength());
        Assert.Equal(TaishanDemo.DutyStationId, directory.GetProperty("area").GetProperty("defaultStationId").GetString());
        var point = await f.GetJsonAsync($"/api/points/{id}-nantianmen");
        Assert.Equal(id, point.GetProperty("area").GetProperty("id").GetString());

        // Neither the demo's admin code nor its station codes open the new area.
        Assert.Equal(HttpStatusCode.Unauthorized, await AdminStatusAsync($"{id}.admin.demo-admin"));
        using var inbox = await f.SendAsync(HttpMethod.Get, $"/api/stations/{TaishanDemo.DutyStationId}/alerts",
            GridAidFixture.Bearer(id, TaishanDemo.DutyStationId, "demo-" + TaishanDemo.DutyStationId));
        Assert.Equal(HttpStatusCode.Unauthorized, inbox.StatusCode);
    }

    [Theory]
    [InlineData(CliApp.BadUsage, "unknown command 'area delete'", "area", "delete", "x")]
    [InlineData(CliApp.BadUsage, "no command")]
    [InlineData(CliApp.BadUsage, "unknown command 'rotate'", "rotate")]
    [InlineData(CliApp.BadUsage, "'area create' takes 1 argument(s)", "area", "create", "--name-zh", "一", "--name-en", "One")]
    [InlineData(CliApp.BadUsage, "--name-en: This field is required", "area", "create", "cli-x", "--name-zh", "一")]
    [InlineData(CliApp.BadUsage, "<id>: Use lower-case letters", "area", "create", "Bad Id", "--name-zh", "一", "--name-en", "One")]
    [InlineData(CliApp.BadUsage, "--duty-station-id: A station cannot be called admin", "area", "create", "cli-x", "--name-zh", "一", "--name-en", "One", "--duty-station-id", "admin")]
    [InlineData(CliApp.BadUsage, "brings its own duty station", "area", "create", "cli-x", "--name-zh", "一", "--name-en", "One", "--demo-directory", "--duty-station-id", "p")]
    [InlineData(CliApp.BadUsage, "unknown option --nmae-zh", "area", "create", "cli-x", "--nmae-zh", "一")]
    [InlineData(CliApp.BadUsage, "--name-en needs a value", "area", "create", "cli-x", "--name-en")]
    [InlineData(CliApp.BadUsage, "'area list' takes no options", "area", "list", "--demo-directory")]
    public async Task A_wrong_command_line_prints_what_is_wrong_and_the_usage_and_touches_nothing(int expected, string message, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(expected, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
        if (!message.Contains(':', StringComparison.Ordinal) || message.StartsWith("unknown", StringComparison.Ordinal))
        {
            Assert.Contains("usage:", error, StringComparison.Ordinal);
        }

        Assert.False(await f.Host.Get<DirectoryStore>().AreaExistsAsync("cli-x", CancellationToken.None));
    }

    [Fact]
    public async Task Help_prints_the_usage()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(CliApp.Ok, exit);
        Assert.Contains("area create <id>", output, StringComparison.Ordinal);
        Assert.Contains("admin rotate <area>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_identity_based_settings_of_the_deployed_app_reach_the_storage_clients()
    {
        // As azd's environment gives them (environment variables AzureWebJobsStorage__…).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stgridaid.table.core.windows.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stgridaid.queue.core.windows.net/",
        }).Build();
        using var services = CliApp.BuildServices(configuration);
        var storage = services.GetRequiredService<StorageClients>();
        Assert.Equal(new Uri("https://stgridaid.table.core.windows.net/"), storage.Tables.Uri);

        var byName = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage:accountName"] = "stgridaid" }).Build();
        using var named = CliApp.BuildServices(byName);
        Assert.Equal("stgridaid.table.core.windows.net", named.GetRequiredService<StorageClients>().Tables.Uri.Host);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*\\.admin\\.[0-9a-hjkmnp-tv-z]{26}$")]
    private static partial Regex Credential();
}
