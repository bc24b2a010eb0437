using Bpm.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddBpmServer();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseBpmServer();
app.MapBpmEndpoints();
await app.RunAsync();

public partial class Program;
