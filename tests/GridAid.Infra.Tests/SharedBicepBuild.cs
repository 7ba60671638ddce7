namespace GridAid.Infra.Tests;

/// <summary>One Bicep build and lint shared by every test class that reads the compiled template.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBicepBuild : ICollectionFixture<BicepTemplateFixture>
{
    public const string Name = "Compiled main.bicep";
}
