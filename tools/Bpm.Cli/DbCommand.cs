using Microsoft.EntityFrameworkCore;

namespace Bpm.Cli;

/// <summary><c>bpm db migrate</c>: applies the provider's pending migrations.</summary>
internal static class DbCommand
{
    public static int Run(string[] args, TextWriter stdout)
    {
        var parsed = Arguments.Parse(args, []);
        if (parsed.Single("db") != "migrate")
        {
            throw new UsageException($"unknown db command '{parsed.Positional[0]}': use 'db migrate'");
        }

        using var db = Database.Open(parsed);
        var pending = db.Database.GetPendingMigrations().ToList();
        db.Database.Migrate();
        foreach (var migration in pending)
        {
            stdout.WriteLine($"applied {migration}");
        }

        stdout.WriteLine(pending.Count == 0 ? "database is up to date" : $"{pending.Count} migration(s) applied");
        return Cli.Ok;
    }
}
