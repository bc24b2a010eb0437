using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bpm.Persistence;

/// <summary>
/// SQLite only: a time as UTC ticks. Unlike EF's binary converter it keeps every tick (a journal
/// row's time is hashed, so a round trip must be exact) and sorts in SQL. Bpm stores UTC only.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
