using Bpm.Engine.Calendar;

namespace Bpm.Cli.Tests;

public class CalendarCommandTests
{
    private static (int Exit, string Out, string Err) RunIn(string root, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CalendarCommand.Run(args, stdout, stderr, root);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static (int Exit, string Out, string Err) Run(params string[] args) => RunIn(Testing.RepositoryRoot.Find(), args);

    [Fact]
    public void Run_Holidays2026_PrintsOneLinePerDayOff()
    {
        var (exit, output, error) = Run("holidays", "--year", "2026");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, lines.Length);
        Assert.Equal("2026-01-01 Tết Dương lịch", lines[0]);
        Assert.Contains("2026-02-17 Tết Nguyên đán", lines);
        Assert.Contains("2026-04-27 Nghỉ bù", lines);
        Assert.Equal("2026-09-02 Ngày Quốc khánh", lines[^1]);
    }

    [Fact]
    public void Run_DueWorkingDays_PrintsIsoDateTimeWithOffset()
    {
        Assert.Equal(("2026-03-05T17:00:00+07:00", 0), Trim(Run("due", "--from", "2026-03-02T10:00:00+07:00", "--working-days", "3")));
        Assert.Equal(("2026-03-06T17:00:00+07:00", 0), Trim(Run("due", "--from", "2026-03-02T15:30", "--working-days", "3")));
        Assert.Equal(("2026-03-03T11:30:00+07:00", 0), Trim(Run("due", "--from", "2026-03-02T10:00", "--working-days", "0.5")));
    }

    [Fact]
    public void Run_DueWorkingHours_UsesTheUnitsHours()
    {
        Assert.Equal(("2026-03-09T10:30:00+07:00", 0), Trim(Run("due", "--from", "2026-03-06T16:00", "--working-hours", "4")));
        Assert.Equal(("2026-03-07T10:30:00+07:00", 0), Trim(Run("due", "--from", "2026-03-06T16:00", "--working-hours", "4", "--unit", "EXAMPLE-SATURDAY-MORNING")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("holidays")]
    [InlineData("holidays --year 1899")]
    [InlineData("holidays --year twenty")]
    [InlineData("holidays --year 2026 --unit X")]
    [InlineData("due --from 2026-03-02T10:00")]
    [InlineData("due --from 2026-03-02T10:00 --working-days 3 --working-hours 4")]
    [InlineData("due --from 2026-03-02T10:00 --working-days 0.3")]
    [InlineData("due --from 2026-03-02T10:00 --working-days -1")]
    [InlineData("due --from yesterday --working-days 1")]
    [InlineData("due --from 2026-03-02 --working-days 1")]
    [InlineData("due --working-days 1")]
    [InlineData("due --from")]
    [InlineData("weekends")]
    public void Run_BadUsage_ExitsTwoWithAMessage(string args)
    {
        var (exit, output, error) = Run(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith(args.Length == 0 ? "usage:" : "bpm: ", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Run_BrokenDataFile_ExitsOneNamingTheFile()
    {
        var root = CopyCalendarData();
        try
        {
            File.WriteAllText(Path.Combine(root, "workflows", "calendars", "2026.json"), "{ \"year\": 2026, ");

            var (exit, output, error) = RunIn(root, "holidays", "--year", "2026");

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.Contains("2026.json", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("holidays --year 1985", "1985-01-01 is outside")]
    [InlineData("holidays --year 1999", "1999-01-01 is outside")]
    [InlineData("due --from 1999-12-30T10:00 --working-days 1", "1999-12-30 is outside")]
    [InlineData("due --from 2100-12-30T10:00 --working-days 5", "2101-01-01 is outside")]
    public void Run_DateOutsideTheHolidayRules_ExitsOneNamingTheCoveredPeriod(string args, string expected)
    {
        var (exit, output, error) = Run(args.Split(' '));

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
        Assert.Contains("(2000-01-01 to 2100-12-31, workflows/calendars/holiday-rules.json)", error);
    }

    [Fact]
    public void Run_Holidays2007_ListsTheAmendedLabourCode1994Holidays()
    {
        var (exit, output, _) = Run("holidays", "--year", "2007");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Count(l => l.EndsWith("Tết Nguyên đán", StringComparison.Ordinal)));
        Assert.Contains("2007-04-26 Giỗ Tổ Hùng Vương", lines);
    }

    /// <summary>A scratch repository root holding a copy of the real calendar data, to be altered by a test.</summary>
    private static string CopyCalendarData()
    {
        var root = Directory.CreateTempSubdirectory("bpm-cli-calendar-").FullName;
        var target = Path.Combine(root, VietnameseWorkingCalendar.DataDirectory);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Testing.RepositoryRoot.Combine(VietnameseWorkingCalendar.DataDirectory)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return root;
    }

    private static (string, int) Trim((int Exit, string Out, string Err) result) => (result.Out.Trim(), result.Exit);
}
