using GridAid.Benchmarks;

return await BenchmarkApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
