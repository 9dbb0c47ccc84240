using ChainTrace.Cli;

return await CliApp.RunAsync(args);
