using GridAid.Core.Audit;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Core.Security;
using GridAid.Infrastructure;
using GridAid.Infrastructure.Storage;
using GridAid.Infrastructure.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GridAid.Cli;

/// <summary>
/// <c>area create</c>, <c>area list</c> and <c>admin rotate</c> against the storage account named by the app's own
/// settings (<see cref="StorageOptions"/>), through the app's own stores. A new admin credential goes to standard
/// output, alone on its line, once; everything else goes to standard error. Exit codes: 0 done, 1 refused or failed,
/// 2 a wrong command line.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    /// <summary>Who the area's audit names for what this tool did (not an id: no station can be called this).</summary>
    public const string AuditPrincipal = "(operator)";

    public const string DefaultDutyStationId = "duty-police";
    public const string DefaultDutyStationZh = "值班派出所";
    public const string DefaultDutyStationEn = "Duty Police Post";

    public const string Usage = """
        GridAid operator tool: areas and their admin's access code.

        usage:
          area create <id> --name-zh <name> --name-en <name> [duty station] [--demo-directory]
              Creates the area and its duty station, the police post that takes every report no grid cell claims:
                --duty-station-id <id>          (default: duty-police)
                --duty-station-name-zh <name>   (default: 值班派出所)
                --duty-station-name-en <name>   (default: Duty Police Post)
                --duty-station-phone <phone>
              --demo-directory instead writes the Taishan-shaped demo directory (9 stations, 10 grid cells,
              22 QR points named <id>-…, duty station ts-daiding-police), with no station access codes.
              Prints the admin credential {area}.admin.{code}, once.
          area list
              Every area: id, name, duty station.
          admin rotate <area>
              Replaces the area admin's access code and prints the new credential, once. The old code stops at
              once for new instances, within 30 s for running ones.

        storage, as the app reads it, from the environment:
          AzureWebJobsStorage=<connection string>            e.g. UseDevelopmentStorage=true for Azurite
          AzureWebJobsStorage__accountName=<account>         or __tableServiceUri=https://<account>.table.core.windows.net
                                                             (and __queueServiceUri): Entra ID sign-in (az or azd login);
          AzureWebJobsStorage__clientId=<client id>          a user-assigned managed identity instead
        """;

    private static readonly IReadOnlySet<string> CreateOptions = new HashSet<string>(StringComparer.Ordinal)
    {
        "--name-zh", "--name-en", "--duty-station-id", "--duty-station-name-zh", "--duty-station-name-en", "--duty-station-phone",
    };

    private static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal) { "--demo-directory", "--help" };

    /// <summary>Where each field of <see cref="DirectoryRules.NewArea"/> comes from on the command line.</summary>
    private static readonly Dictionary<string, string> FieldOptions = new(StringComparer.Ordinal)
    {
        ["id"] = "<id>",
        ["name.zh"] = "--name-zh",
        ["name.en"] = "--name-en",
        ["dutyStation.id"] = "--duty-station-id",
        ["dutyStation.name.zh"] = "--duty-station-name-zh",
        ["dutyStation.name.en"] = "--duty-station-name-en",
        ["dutyStation.phone"] = "--duty-station-phone",
    };

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        var parsed = CliArgs.Parse(args, CreateOptions, Flags, out var error);
        if (parsed is null)
        {
            return UsageError(stderr, error!);
        }

        if (parsed.Flag("--help") || parsed.Words is ["help"])
        {
            await stdout.WriteLineAsync(Usage);
            return Ok;
        }

        var command = parsed.Words.Count >= 2 ? $"{parsed.Words[0]} {parsed.Words[1]}" : string.Join(' ', parsed.Words);
        var expected = command switch
        {
            "area create" => 3,
            "area list" => 2,
            "admin rotate" => 3,
            _ => -1,
        };
        if (expected < 0)
        {
            return UsageError(stderr, command.Length == 0 ? "no command" : $"unknown command '{command}'");
        }

        if (parsed.Words.Count != expected)
        {
            return UsageError(stderr, $"'{command}' takes {expected - 2} argument(s)");
        }

        if (command != "area create" && args.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            return UsageError(stderr, $"'{command}' takes no options");
        }

        await using var provider = BuildServices(configuration);
        try
        {
            var storage = provider.GetRequiredService<StorageClients>();
            var store = provider.GetRequiredService<DirectoryStore>();
            var audit = new Audit(storage, provider.GetRequiredService<AuditStore>(), stderr);
            return command switch
            {
                "area create" => await CreateAreaAsync(parsed, storage, store, audit, stdout, stderr, ct),
                "area list" => await ListAreasAsync(store, stdout, stderr, ct),
                _ => await RotateAdminAsync(parsed.Words[2], store, audit, stdout, stderr, ct),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage unreachable, sign-in missing, a role not granted: say what the SDK said, no stack trace.
            await stderr.WriteLineAsync($"error: {e.GetType().Name}: {e.Message}");
            return Failed;
        }
    }

    /// <summary>The app's storage clients and stores, configured as the app configures them (nothing is started).</summary>
    public static ServiceProvider BuildServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGridAidInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<int> CreateAreaAsync(CliArgs args, StorageClients storage, DirectoryStore store, Audit audit, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var demo = args.Flag("--demo-directory");
        if (demo && CreateOptions.Where(o => o.StartsWith("--duty-station-", StringComparison.Ordinal)).Any(args.Has))
        {
            return UsageError(stderr, $"--demo-directory brings its own duty station ({TaishanDemo.DutyStationId}): leave out the --duty-station-* options");
        }

        var input = new NewAreaInput(
            args.Words[2],
            new NameInput(args.Option("--name-zh"), args.Option("--name-en")),
            args.Option("--duty-station-id") ?? DefaultDutyStationId,
            new NameInput(args.Option("--duty-station-name-zh") ?? DefaultDutyStationZh, args.Option("--duty-station-name-en") ?? DefaultDutyStationEn),
            args.Option("--duty-station-phone"));
        var (directory, errors) = DirectoryRules.NewArea(input);
        if (directory is null)
        {
            foreach (var e in errors.All)
            {
                await stderr.WriteLineAsync($"{FieldOptions.GetValueOrDefault(e.Field, e.Field)}: {e.En} · {e.Zh}");
            }

            return BadUsage;
        }

        var areaId = directory.Area.Id;
        var code = AccessCode.NewCode();
        var admin = new Dictionary<string, string>(StringComparer.Ordinal) { [AccessCode.AdminPrincipal] = code };
        var seed = demo ? TaishanDemo.DirectoryFor(directory.Area) with { AccessCodes = admin } : AreaSeed.From(directory, admin);
        try
        {
            seed.Validate();
        }
        catch (ArgumentException e)
        {
            return UsageError(stderr, e.Message);
        }

        await storage.Table(TableNames.Directory).CreateIfNotExistsAsync(ct);
        var result = await store.CreateAreaAsync(seed, ct);
        switch (result.Outcome)
        {
            case AreaCreation.AreaExists:
                await stderr.WriteLineAsync($"error: area '{areaId}' exists already: nothing changed. A new admin code for it: admin rotate {areaId}");
                return Failed;
            case AreaCreation.PointTaken:
                await stderr.WriteLineAsync($"error: QR point code '{result.TakenPoint}' belongs to another area: nothing written. Choose another area id.");
                return Failed;
        }

        await stderr.WriteLineAsync(
            $"Created area {areaId} ({seed.Area.Name}): duty station {seed.Area.DefaultStationId}, {seed.Stations.Count} station(s), " +
            $"{seed.Cells.Count} grid cell(s), {seed.Points.Count} QR point(s). No station has an access code yet: the admin issues them at /admin/directory.html.");
        await audit.RecordAsync(areaId, "AreaCreate", StatusCreated, ct);
        return await PrintCredentialAsync(areaId, code, stdout, stderr);
    }

    private static async Task<int> ListAreasAsync(DirectoryStore store, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var areas = await store.ListAreasAsync(ct);
        if (areas.Count == 0)
        {
            await stderr.WriteLineAsync("No areas yet: area create <id> --name-zh … --name-en …");
        }

        foreach (var area in areas)
        {
            await stdout.WriteLineAsync($"{area.Id}\t{area.Name.Zh}\t{area.Name.En}\tduty station: {area.DefaultStationId}");
        }

        return Ok;
    }

    private static async Task<int> RotateAdminAsync(string areaId, DirectoryStore store, Audit audit, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (!AccessCode.IsId(areaId) || !await store.AreaExistsAsync(areaId, ct))
        {
            await stderr.WriteLineAsync($"error: no area '{areaId}' (area list shows them)");
            return Failed;
        }

        var code = AccessCode.NewCode();
        await store.SetAccessHashAsync(areaId, AccessCode.AdminPrincipal, AccessCode.Hash(areaId, AccessCode.AdminPrincipal, code), ct);
        await stderr.WriteLineAsync($"Replaced the admin code of {areaId}: the old one stops working (running instances forget it within 30 s).");
        await audit.RecordAsync(areaId, "AdminRotate", StatusCreated, ct);
        return await PrintCredentialAsync(areaId, code, stdout, stderr);
    }

    private static async Task<int> PrintCredentialAsync(string areaId, string code, TextWriter stdout, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"The admin credential, shown only this once (sign in at /admin/ with area {areaId} and the code after '{areaId}.admin.'):");
        await stdout.WriteLineAsync($"{areaId}.{AccessCode.AdminPrincipal}.{code}");
        await stdout.FlushAsync();
        return Ok;
    }

    private const int StatusCreated = 201;

    /// <summary>
    /// Writes what the tool did to the area's audit, next to the admins' own actions. The change is made by then and the
    /// credential must still be printed, so a failed audit write is only a warning.
    /// </summary>
    private sealed class Audit(StorageClients storage, AuditStore store, TextWriter stderr)
    {
        public async Task RecordAsync(string areaId, string action, int status, CancellationToken ct)
        {
            try
            {
                await storage.Table(TableNames.Audit).CreateIfNotExistsAsync(ct);
                await store.AddAsync(new AuditEntry(areaId, DateTimeOffset.UtcNow, AuditPrincipal, action, new Dictionary<string, string>(), status), ct);
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                await stderr.WriteLineAsync($"warning: not written to the area's audit: {e.Message}");
            }
        }
    }

    private static int UsageError(TextWriter stderr, string error)
    {
        stderr.WriteLine($"error: {error}");
        stderr.WriteLine();
        stderr.WriteLine(Usage);
        return BadUsage;
    }
}
