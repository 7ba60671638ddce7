using System.Text.Json;
using System.Text.RegularExpressions;

namespace GridAid.Infra.Tests;

/// <summary>
/// Role ids are checked against Microsoft's table (BuiltInRoles.json, copied from
/// https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles on 2026-12-01), looked up by the
/// role name the template gives each id, so a wrong GUID cannot pass by agreeing with itself.
/// </summary>
[Collection(SharedBicepBuild.Name)]
public sealed partial class RoleAssignmentTests
{
    private readonly BicepTemplateFixture _bicep;

    public RoleAssignmentTests(BicepTemplateFixture bicep) => _bicep = bicep;

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidLiteral();

    [GeneratedRegex(@"variables\('roles'\)\['(?<name>[^']+)'\]")]
    private static partial Regex NamedRole();

    [Fact]
    public void TheRoleTableNamesItsSource()
    {
        Assert.Equal("https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles", BuiltInRoles.Source);
        Assert.Equal("2026-12-01", BuiltInRoles.ReadOn);
        Assert.Contains("Storage", BuiltInRoles.Sections.Keys);
        Assert.Contains("Monitor", BuiltInRoles.Sections.Keys);
    }

    [Fact]
    public void EveryGuidInTheTemplateIsTheBuiltInRoleItIsNamedFor()
    {
        var roleTable = TemplateRoleTable();
        var guids = GuidLiteral().Matches(_bicep.TemplateText).Select(m => m.Value.ToLowerInvariant()).Distinct().ToList();

        Assert.NotEmpty(guids);
        foreach (var guid in guids)
        {
            Assert.True(roleTable.ContainsValue(guid), $"{guid} appears in the template but not in its role table, so nothing says which role it is.");
        }

        foreach (var (name, id) in roleTable)
        {
            Assert.True(string.Equals(BuiltInRoles.IdOf(name), id, StringComparison.OrdinalIgnoreCase),
                $"The template gives '{name}' the id {id}; Microsoft lists {BuiltInRoles.IdOf(name)} ({BuiltInRoles.Source}).");
        }
    }

    [Theory]
    [InlineData("Storage Blob Data Owner")]
    [InlineData("Storage Queue Data Contributor")]
    [InlineData("Storage Table Data Contributor")]
    [InlineData("EventGrid Data Sender")]
    [InlineData("Monitoring Metrics Publisher")]
    public void IdentityIsGrantedTheBuiltInRole(string roleName)
    {
        var granted = Assignments()
            .Where(a => a.PrincipalType == "ServicePrincipal" && a.PrincipalId.Contains("identityPrincipalId", StringComparison.Ordinal))
            .SelectMany(a => a.RoleNames)
            .ToList();

        Assert.Contains(roleName, granted);
        Assert.Equal(BuiltInRoles.IdOf(roleName), TemplateRoleTable()[roleName]);
    }

    [Fact]
    public void IdentityHoldsExactlyTheFiveDataRolesAndTheDeployerTheThreeStorageRoles()
    {
        var assignments = Assignments();
        var identity = assignments.Where(a => a.PrincipalId.Contains("identityPrincipalId", StringComparison.Ordinal)).SelectMany(a => a.RoleNames);
        var deployer = assignments.Where(a => a.PrincipalId.Contains("userPrincipalId", StringComparison.Ordinal)).SelectMany(a => a.RoleNames);

        Assert.Equal(
            ["EventGrid Data Sender", "Monitoring Metrics Publisher", "Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor"],
            identity.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["Storage Blob Data Owner", "Storage Queue Data Contributor", "Storage Table Data Contributor"],
            deployer.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NoPrivilegedRoleIsAssigned()
    {
        // Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, Reservations Administrator.
        var privileged = BuiltInRoles.Sections["Privileged"];
        foreach (var name in Assignments().SelectMany(a => a.RoleNames))
        {
            Assert.False(privileged.ContainsKey(name), $"{name} is a privileged role.");
        }
    }

    // A CI run signs in as a service principal; a hard-coded User made ARM refuse its role assignments.
    [Fact]
    public void DeployerAssignmentsUseThePrincipalTypeAzdReports()
    {
        var principalType = _bicep.Template.RootElement.GetProperty("parameters").GetProperty("principalType");
        Assert.Equal("User", principalType.GetProperty("defaultValue").GetString());
        Assert.Equal(["User", "ServicePrincipal"], principalType.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));

        var rbac = _bicep.OfType("Microsoft.Resources/deployments").Single(d => d.GetProperty("name").GetString() == "rbac");
        Assert.Equal("[parameters('principalType')]",
            rbac.GetProperty("properties").GetProperty("parameters").GetProperty("userPrincipalType").GetProperty("value").GetString());

        var assignments = Assignments();
        Assert.All(assignments.Where(a => a.PrincipalId.Contains("userPrincipalId", StringComparison.Ordinal)),
            a => Assert.Equal("[parameters('userPrincipalType')]", a.PrincipalType));
        Assert.All(assignments.Where(a => a.PrincipalId.Contains("identityPrincipalId", StringComparison.Ordinal)),
            a => Assert.Equal("ServicePrincipal", a.PrincipalType));
    }

    // The rbac module's "roles" variable: role name -> id, as compiled.
    private Dictionary<string, string> TemplateRoleTable()
    {
        var tables = new List<JsonElement>();
        Collect(_bicep.Template.RootElement, tables);
        var table = Assert.Single(tables);
        return table.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!.ToLowerInvariant(), StringComparer.Ordinal);

        static void Collect(JsonElement element, List<JsonElement> found)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty("variables", out var variables) && variables.ValueKind == JsonValueKind.Object
                    && variables.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Object)
                {
                    found.Add(roles);
                }

                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, found);
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, found);
                }
            }
        }
    }

    // Each role assignment with the role names its roleDefinitionId resolves to (a copy loop over storageRoles
    // yields all three storage roles).
    private List<Assignment> Assignments()
    {
        var storageRoles = StorageRoleNames();
        var result = new List<Assignment>();
        foreach (var resource in _bicep.OfType("Microsoft.Authorization/roleAssignments"))
        {
            var props = resource.GetProperty("properties");
            var roleDefinitionId = props.GetProperty("roleDefinitionId").GetString()!;
            Assert.StartsWith("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ", roleDefinitionId, StringComparison.Ordinal);

            IReadOnlyList<string> names = roleDefinitionId.Contains("variables('storageRoles')[copyIndex()]", StringComparison.Ordinal)
                ? storageRoles
                : [NamedRole().Match(roleDefinitionId) is { Success: true } m ? m.Groups["name"].Value : throw new InvalidOperationException("Role not named through variables('roles'): " + roleDefinitionId)];

            result.Add(new Assignment(props.GetProperty("principalId").GetString()!, props.GetProperty("principalType").GetString()!, names));
        }

        Assert.NotEmpty(result);
        return result;
    }

    private List<string> StorageRoleNames()
    {
        var deployment = _bicep.OfType("Microsoft.Resources/deployments")
            .Single(d => d.GetProperty("properties").GetProperty("template").TryGetProperty("variables", out var v) && v.TryGetProperty("storageRoles", out _));
        return deployment.GetProperty("properties").GetProperty("template").GetProperty("variables").GetProperty("storageRoles")
            .EnumerateArray()
            .Select(e => NamedRole().Match(e.GetString()!).Groups["name"].Value)
            .ToList();
    }

    private sealed record Assignment(string PrincipalId, string PrincipalType, IReadOnlyList<string> RoleNames);
}
