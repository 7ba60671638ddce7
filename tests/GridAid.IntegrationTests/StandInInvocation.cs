using System.Collections.Immutable;
using GridAid.Functions.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GridAid.IntegrationTests;

/// <summary>
/// A hand-made worker invocation for testing worker middleware: the Functions host itself cannot run here, so this is
/// the one stand-in the tests use. It carries the entry point, the binding data and the request's HttpContext where the
/// Http.AspNetCore extension puts it for <c>GetHttpContext()</c>.
/// </summary>
public sealed class StandInInvocation : FunctionContext
{
    public StandInInvocation(string entryPoint, IReadOnlyDictionary<string, object?> bindingData, HttpContext http)
    {
        FunctionDefinition = new Definition(entryPoint);
        BindingContext = new Bindings(bindingData);
        InstanceServices = http.RequestServices;
        Items["HttpRequestContext"] = http;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.EntryPoint;

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class Bindings(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }

    private sealed class Definition(string entryPoint) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(AccessMiddleware).Assembly.Location;

        public override string EntryPoint => entryPoint;

        public override string Id => entryPoint;

        public override string Name => entryPoint[(entryPoint.LastIndexOf('.') + 1)..];

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
