using GridAid.Cli;
using Microsoft.Extensions.Configuration;

// The same settings as the app, from the environment: AzureWebJobsStorage, or AzureWebJobsStorage__accountName / __tableServiceUri.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, configuration, Console.Out, Console.Error, cancel.Token);
