using Bpm.Engine.Calendar;

namespace Bpm.Engine.Tests.Calendar;

/// <summary>The repository's own calendar data, loaded once for all calendar tests.</summary>
internal static class CalendarData
{
    private static readonly Lazy<string> Root = new(TestModels.RepositoryRoot);
    private static readonly Lazy<VietnameseWorkingCalendar> Loaded = new(() => VietnameseWorkingCalendar.Load(RepositoryRoot));

    public static string RepositoryRoot => Root.Value;

    public static VietnameseWorkingCalendar Calendar => Loaded.Value;

    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>A scratch repository root holding a copy of the real calendar data, to be altered by a test.</summary>
    public static string CopyToTemporaryRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "bpm-calendar-" + Guid.NewGuid().ToString("N"));
        var target = Path.Combine(root, VietnameseWorkingCalendar.DataDirectory);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot, VietnameseWorkingCalendar.DataDirectory)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return root;
    }
}
