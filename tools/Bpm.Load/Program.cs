using Bpm.Load;

return await LoadRun.RunAsync(args, Console.Out, Console.Error);
