using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using GridAid.Core.Demo;
using GridAid.Core.Directory;
using GridAid.Functions.Access;
using GridAid.Infrastructure.Tables;

namespace GridAid.IntegrationTests.Access;

/// <summary>
/// Calls every HTTP route of <c>functions.metadata</c> as six callers and checks each answer against the route's
/// declaration: a route joins this matrix by being declared. Route values other than the station are ids that exist
/// nowhere, so an admitted call is refused by the function (400, 404) rather than changing anything, and all of it
/// happens in an area of its own (<see cref="MatrixArea"/>).
/// </summary>
[Collection(SharedGridAid.Name)]
public sealed partial class AccessMatrixTests(GridAidFixture f) : IAsyncLifetime
{
    public enum Who
    {
        Anonymous,
        TheStation,
        AnotherStationOfTheArea,
        TheAreasAdmin,
        AnotherAreasAdmin,
        AWrongCode,
    }

    /// <summary>What a caller gets: let in (the function answers, not 401/403 and never 5xx), or refused with a status.</summary>
    private static HttpStatusCode? Expected(Callers callers, Who who) => (callers, who) switch
    {
        (Callers.Anyone, _) => null,
        (_, Who.Anonymous or Who.AWrongCode) => HttpStatusCode.Unauthorized,
        (Callers.AreaMember, _) => null,
        (Callers.AreaAdmin, Who.TheAreasAdmin or Who.AnotherAreasAdmin) => null,
        (Callers.AreaAdmin, _) => HttpStatusCode.Forbidden,
        (Callers.RouteStation, Who.TheStation) => null,
        (Callers.RouteStation, _) => HttpStatusCode.Forbidden,
        (Callers.RouteStationOrAdmin, Who.TheStation or Who.TheAreasAdmin) => null,
        (Callers.RouteStationOrAdmin, Who.AnotherAreasAdmin) => HttpStatusCode.NotFound,
        (Callers.RouteStationOrAdmin, _) => HttpStatusCode.Forbidden,
        _ => throw new ArgumentOutOfRangeException(nameof(callers), callers, "Add this declaration to the matrix."),
    };

    public static TheoryData<string> HttpFunctions() => [.. FunctionsMetadata.Http().Select(fn => fn.Name)];

    public Task InitializeAsync() => MatrixArea.EnsureSeededAsync(f);

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task Every_route_answers_each_caller_as_it_declares(string name)
    {
        var entry = FunctionsMetadata.Http().Single(fn => fn.Name == name);
        var declared = AccessGate.DeclarationOf(AccessMiddleware.FindMethod(entry.EntryPoint)!)!;
        var method = new HttpMethod(entry.Methods.Split(',')[0]);
        var url = "/api/" + RouteValue().Replace(entry.Route!, m => m.Groups[1].Value == declared.StationParameter ? MatrixArea.Station : "zz-nowhere");

        var wrong = new List<string>();
        foreach (var who in Enum.GetValues<Who>())
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = Credential(who);
            if (method == HttpMethod.Post || method == HttpMethod.Put)
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await f.Http.SendAsync(request);
            var status = response.StatusCode;
            var expected = Expected(declared.Callers, who);
            var ok = expected is { } refused
                ? status == refused
                : status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (int)status < 500;
            if (!ok)
            {
                wrong.Add($"{who}: got {(int)status}, expected {(expected is { } e ? ((int)e).ToString(System.Globalization.CultureInfo.InvariantCulture) : "to be let in")}");
            }
        }

        Assert.True(wrong.Count == 0, $"{method} {url} ({declared.Callers}): " + string.Join("; ", wrong));
    }

    private static AuthenticationHeaderValue? Credential(Who who) => who switch
    {
        Who.Anonymous => null,
        Who.TheStation => GridAidFixture.Bearer(MatrixArea.AreaId, MatrixArea.Station, MatrixArea.StationCode),
        Who.AnotherStationOfTheArea => GridAidFixture.Bearer(MatrixArea.AreaId, MatrixArea.OtherStation, MatrixArea.OtherStationCode),
        Who.TheAreasAdmin => GridAidFixture.Bearer(MatrixArea.AreaId, "admin", MatrixArea.AdminCode),
        Who.AnotherAreasAdmin => GridAidFixture.Bearer(LaoshanTestArea.AreaId, "admin", "ls-admin-code"),
        Who.AWrongCode => GridAidFixture.Bearer(MatrixArea.AreaId, MatrixArea.Station, "not-" + MatrixArea.StationCode),
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex RouteValue();
}

/// <summary>A tenant of its own for the access matrix, so what an admitted call does touches no other test's data.</summary>
public static class MatrixArea
{
    public const string AreaId = "mx-matrix";
    public const string Station = "mx-post";
    public const string OtherStation = "mx-shop";
    public const string StationCode = "mx-post-code";
    public const string OtherStationCode = "mx-shop-code";
    public const string AdminCode = "mx-admin-code";

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool _seeded;

    public static async Task EnsureSeededAsync(GridAidFixture f)
    {
        await Once.WaitAsync();
        try
        {
            if (!_seeded)
            {
                await f.Host.Get<DirectoryStore>().SeedAsync(Seed, CancellationToken.None);
                f.Host.Get<DirectoryCache>().Clear();
                _seeded = true;
            }
        }
        finally
        {
            Once.Release();
        }
    }

    private static AreaSeed Seed { get; } = new(
        new Area(AreaId, new("矩阵景区", "Matrix Area"), Station),
        [
            new Station(AreaId, Station, new("矩阵派出所", "Matrix Police Post"), StationType.PolicePost),
            new Station(AreaId, OtherStation, new("矩阵小店", "Matrix Shop"), StationType.GridMember),
        ],
        [new GridCell(AreaId, "mx-cell", new("矩阵网格", "Matrix Cell"), [Station, OtherStation], [])],
        [new QrPoint(AreaId, "mx-gate", new("矩阵大门", "Matrix Gate"), "mx-cell")],
        new Dictionary<string, string> { [Station] = StationCode, [OtherStation] = OtherStationCode, ["admin"] = AdminCode });
}
