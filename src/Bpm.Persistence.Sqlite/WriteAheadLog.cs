using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Sqlite;

/// <summary>
/// Puts the file in write-ahead-log mode and keeps <c>synchronous=FULL</c> on every connection Bpm
/// opens. With the log, readers do not wait for the writer and a commit is one append and one sync of
/// the log instead of the rollback journal's several syncs; FULL makes that sync part of every commit,
/// so a committed command survives a crash or a power cut. The mode is stored in the file; the
/// synchronous setting is per connection, hence both on every open.
/// </summary>
internal sealed class WriteAheadLog : DbConnectionInterceptor
{
    private const string Settings = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Settings;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Settings;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
