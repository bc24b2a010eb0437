using Bpm.Engine.Calendar;

namespace Bpm.Server.Hosting;

/// <summary>
/// The working calendar every legal due date is counted on. The server does not start without it:
/// counting around the clock instead would promise citizens dates the law does not give.
/// </summary>
internal static class ServerCalendar
{
    public static VietnameseWorkingCalendar Load(BpmPaths paths)
    {
        try
        {
            return VietnameseWorkingCalendar.Load(paths.RepositoryRoot);
        }
        catch (CalendarDataException e)
        {
            throw new InvalidOperationException(
                $"The server cannot start without the working calendar in {paths.CalendarsPath}: {e.Message}. "
                + "Due dates are counted in working time on it; set Bpm:RepositoryRoot to the folder that holds workflows/calendars.",
                e);
        }
    }
}
