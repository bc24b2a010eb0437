using Bpm.Engine.Calendar;

namespace Bpm.Engine.Tests.Calendar;

public sealed class CalendarFilesTests : IDisposable
{
    private readonly string _root = CalendarData.CopyToTemporaryRoot();

    private string DataFile(string name) => Path.Combine(_root, VietnameseWorkingCalendar.DataDirectory, name);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Load_NewYearFile_WinsOverTheRules()
    {
        File.WriteAllText(DataFile("2027.json"), """
            {
              "year": 2027,
              "daysOff": [ { "date": "2027-04-29", "name": "Nghỉ hoán đổi", "source": "Thông báo thử nghiệm" } ],
              "workingDays": [ { "date": "2027-05-01", "name": "Làm bù", "source": "Thông báo thử nghiệm" } ]
            }
            """);

        var calendar = VietnameseWorkingCalendar.Load(_root);

        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 4, 29)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 5, 1)));
        Assert.DoesNotContain(calendar.DaysOff(2027), d => d.Date == new DateOnly(2027, 5, 1));
        Assert.Contains(calendar.DaysOff(2027), d => d.Date == new DateOnly(2027, 4, 29) && d.Source == "Thông báo thử nghiệm");
    }

    [Fact]
    public void Load_YearFileWithDateOfAnotherYear_NamesFileAndField()
    {
        File.WriteAllText(DataFile("2027.json"), """
            { "year": 2027, "daysOff": [ { "date": "2028-01-02", "name": "Nghỉ", "source": "x" } ] }
            """);

        var e = Assert.Throws<CalendarDataException>(() => VietnameseWorkingCalendar.Load(_root));

        Assert.Contains("2027.json", e.Message);
        Assert.Contains("daysOff[0].date", e.Message);
    }

    [Fact]
    public void Load_MisspelledField_IsRejected()
    {
        File.WriteAllText(DataFile("2027.json"), """
            { "year": 2027, "dayOff": [] }
            """);

        var e = Assert.Throws<CalendarDataException>(() => VietnameseWorkingCalendar.Load(_root));

        Assert.Contains("dayOff", e.Message);
    }

    [Fact]
    public void Load_ReplacesUnknownHoliday_IsRejected()
    {
        File.WriteAllText(DataFile("2027.json"), """
            { "year": 2027, "replacesRules": ["Tết Âm lịch"] }
            """);

        var e = Assert.Throws<CalendarDataException>(() => VietnameseWorkingCalendar.Load(_root));

        Assert.Contains("Tết Âm lịch", e.Message);
    }

    [Fact]
    public void Load_BadSession_NamesTheDay()
    {
        var text = File.ReadAllText(DataFile("office-hours.json")).Replace("\"07:30-11:30\"", "\"11:30-07:30\"");
        File.WriteAllText(DataFile("office-hours.json"), text);

        var e = Assert.Throws<CalendarDataException>(() => VietnameseWorkingCalendar.Load(_root));

        Assert.Contains("default.monday[0]", e.Message);
    }

    [Fact]
    public void Load_MissingRulesFile_SaysWhichFile()
    {
        File.Delete(DataFile("holiday-rules.json"));

        var e = Assert.Throws<CalendarDataException>(() => VietnameseWorkingCalendar.Load(_root));

        Assert.Contains("holiday-rules.json", e.Message);
    }
}
