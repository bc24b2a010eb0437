using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence;

/// <summary>
/// What the one-statement (PostgreSQL) and one-batch (SQLite) writes share: a command built from a text
/// and its parameters' mappings worked out once, its parameters named <c>p0</c>, <c>p1</c>, … in order,
/// and run through EF's command pipeline (logging, interceptors, the open connection). The command is
/// built per call: a built command is not shared between concurrent executions.
/// </summary>
internal static class RawWriteCommand
{
    public static string ParameterName(int index) => $"p{index}";

    /// <summary>
    /// The command for <paramref name="text"/>, one parameter per mapping, named by its position. With
    /// <paramref name="positional"/> the parameters go to the driver without names, for a text that
    /// refers to them as <c>$1</c>, <c>$2</c>, …: Npgsql then sends the text as it is, where named
    /// parameters make it parse the whole text on every execution to rewrite them.
    /// </summary>
    public static IRelationalCommand Build(BpmDbContext db, string text, RelationalTypeMapping[] mappings, bool positional = false)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
        for (var i = 0; i < mappings.Length; i++)
        {
            var name = ParameterName(i);
            builder.AddParameter(name, positional ? "" : sql.GenerateParameterName(name), mappings[i], nullable: true);
        }

        return builder.Append(text).Build();
    }

    /// <summary>The values, named by their position, with the context's connection and logger.</summary>
    public static RelationalCommandParameterObject Parameters(BpmDbContext db, IReadOnlyList<object?> values)
    {
        var named = new Dictionary<string, object?>(values.Count, StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            named[ParameterName(i)] = values[i];
        }

        return new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), named, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>());
    }
}
