using GridAid.LocalHost;

await LocalHostApp.Create(args).RunAsync();
