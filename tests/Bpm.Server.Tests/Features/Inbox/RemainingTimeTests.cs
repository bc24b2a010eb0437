using Bpm.Engine.Calendar;
using Bpm.Server.Features.Inbox;
using Bpm.Testing;
using Bunit;

namespace Bpm.Server.Tests.Features.Inbox;

/// <summary>The remaining working time as the inbox words and colours it.</summary>
public sealed class RemainingTimeTests : BunitContext
{
    private static readonly DateTimeOffset Now = VietnamTime.At(2026, 3, 2, 9, 0);

    [Fact]
    public void Of_ADayAndThreeHoursLeftDueLater_EarlyWithWorkingDaysAndHours()
    {
        var remaining = RemainingTime.Of(VietnamTime.At(2026, 3, 4, 17, 0), Now, TimeSpan.FromHours(11), warned: false);

        Assert.Equal(new RemainingTime(Punctuality.Early, "còn 1 ngày 3 giờ làm việc"), remaining);
    }

    [Fact]
    public void Of_TwoHoursPastTheDueDate_LateByTwoHours()
    {
        var remaining = RemainingTime.Of(VietnamTime.At(2026, 3, 2, 7, 0), Now, TimeSpan.FromHours(-2), warned: false);

        Assert.Equal(new RemainingTime(Punctuality.Late, "quá hạn 2 giờ"), remaining);
    }

    [Fact]
    public void Of_PastTheDueDateOutsideOfficeHours_LateWithoutACount()
    {
        var remaining = RemainingTime.Of(VietnamTime.At(2026, 3, 2, 8, 59), Now, TimeSpan.Zero, warned: false);

        Assert.Equal(new RemainingTime(Punctuality.Late, "đã quá hạn"), remaining);
    }

    [Fact]
    public void Of_DueTodayWithMoreThanHalfADayLeft_OnTime()
    {
        var remaining = RemainingTime.Of(VietnamTime.At(2026, 3, 2, 17, 0), Now, TimeSpan.FromHours(6.5), warned: false);

        Assert.Equal(new RemainingTime(Punctuality.OnTime, "còn 6 giờ 30 phút làm việc"), remaining);
    }

    [Fact]
    public void Of_HalfADayLeft_DueSoonEvenOnALaterDay()
    {
        var remaining = RemainingTime.Of(VietnamTime.At(2026, 3, 3, 8, 0), Now, TimeSpan.FromHours(4), warned: false);

        Assert.Equal(Punctuality.DueSoon, remaining.Punctuality);
        Assert.Equal("còn 4 giờ làm việc", remaining.Text);
    }

    [Fact]
    public void Of_WarnedBySlaTimer_DueSoonWithDaysLeft()
    {
        var remaining = RemainingTime.Of(VietnamTime.At(2026, 3, 6, 17, 0), Now, TimeSpan.FromHours(30), warned: true);

        Assert.Equal(new RemainingTime(Punctuality.DueSoon, "còn 3 ngày 6 giờ làm việc"), remaining);
    }

    [Fact]
    public void Of_NoDueDate_None()
    {
        Assert.Equal(RemainingTime.None, RemainingTime.Of(null, Now, TimeSpan.Zero, warned: true));
    }

    [Fact]
    public void Of_OnTheCalendar_CountsOfficeHoursOverTheWeekend()
    {
        // Friday 16:00 to Monday 09:30: one office hour on Friday (to 17:00), two on Monday (07:30–09:30).
        var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
        var friday = VietnamTime.At(2026, 3, 6, 16, 0);

        var remaining = RemainingTime.Of(VietnamTime.At(2026, 3, 9, 9, 30), friday, warned: false, calendar, unit: null);

        Assert.Equal(new RemainingTime(Punctuality.DueSoon, "còn 3 giờ làm việc"), remaining);
    }

    [Fact]
    public void DueBadge_Late_ColouredAndSaysSoInText()
    {
        var badge = Render<DueBadge>(p => p
            .Add(b => b.Due, VietnamTime.At(2026, 1, 15, 10, 30))
            .Add(b => b.Remaining, new RemainingTime(Punctuality.Late, "quá hạn 2 giờ")));

        Assert.Equal("15/01/2026 10:30", badge.Find(".bpm-due-late .bpm-due-date").TextContent);
        Assert.Equal("Quá hạn · quá hạn 2 giờ", badge.Find(".bpm-due-chip").TextContent);
    }

    [Fact]
    public void DueBadge_NoDueDate_NoDateOnlyTheText()
    {
        var badge = Render<DueBadge>(p => p.Add(b => b.Remaining, RemainingTime.None));

        Assert.Empty(badge.FindAll(".bpm-due-date"));
        Assert.Equal("Không có hạn · chưa có hạn", badge.Find(".bpm-due-none .bpm-due-chip").TextContent);
    }

    [Fact]
    public void PunctualityAt_EveryQuarterHourOfAWeek_AgreesWithOf()
    {
        // Monday 02/03/2026 09:00 on the Vietnamese calendar: due dates over a week, lunch breaks and the weekend included.
        // Also from the start of a morning (half a day runs out at its end: the lunch gap follows) and a Friday afternoon.
        var calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());
        foreach (var now in new[] { Now, VietnamTime.At(2026, 3, 2, 7, 30), VietnamTime.At(2026, 3, 2, 8, 0), VietnamTime.At(2026, 3, 6, 15, 0) })
        {
            var punctuality = RemainingTime.PunctualityAt(now, calendar);
            for (var due = now.AddHours(-2); due < now.AddDays(8); due = due.AddMinutes(15))
            {
                foreach (var warned in new[] { false, true })
                {
                    Assert.Equal(RemainingTime.Of(due, now, warned, calendar, null).Punctuality, punctuality(due, warned, null));
                }
            }

            Assert.Equal(Punctuality.None, punctuality(null, false, null));
        }
    }
}
