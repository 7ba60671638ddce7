using GridAid.Functions;
using GridAid.Functions.Access;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<AccessMiddleware>();
builder.Services.AddGridAid(builder.Configuration);
builder.Build().Run();
