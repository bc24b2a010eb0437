using Bpm.Engine;
using Bpm.Engine.Calendar;

namespace Bpm.Cli;

/// <summary>
/// The engine settings of every command that writes through the engine (instances, tasks, dossiers):
/// the Vietnamese working calendar from the repository's workflows/calendars, as the server uses.
/// Without it a due date would be counted around the clock, so a missing or broken calendar stops
/// the command (<see cref="CalendarDataException"/>, reported by <see cref="Cli"/>) instead.
/// </summary>
internal static class EngineSettings
{
    public static EngineOptions Load() => new() { Calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find()) };

    public static Persistence.CommandExecutor Executor(Persistence.BpmDbContext db, TimeProvider time) => new(db, time, engineOptions: Load());
}
