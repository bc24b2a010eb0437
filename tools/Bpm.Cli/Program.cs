using System.Text;
using Bpm.Cli;

Console.OutputEncoding = Encoding.UTF8;
return Cli.Run(args, Console.Out, Console.Error);
