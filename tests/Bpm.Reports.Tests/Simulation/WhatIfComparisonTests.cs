using Bpm.Engine.Calendar;
using Bpm.Persistence;
using Bpm.Reports.Simulation;
using Bpm.Testing;

namespace Bpm.Reports.Tests.Simulation;

/// <summary>The what-if comparison over a database: the published version as the baseline, a stated rate, and every bad input named.</summary>
public sealed class WhatIfComparisonTests : IDisposable
{
    private const string Definition = "whatif-one-step";

    private static readonly VietnameseWorkingCalendar Calendar = VietnameseWorkingCalendar.Load(RepositoryRoot.Find());

    private readonly SqliteFixture _database = new();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = VietnamTime.Clock(2026, 3, 31, 9);

    [Fact]
    public async Task RunAsync_PublishedVersionAndRate_BothVersionsOnTheSameArrivals()
    {
        await PublishAsync();
        await using var db = _database.CreateContext();

        var report = await new WhatIfComparison(db, Calendar, _clock).RunAsync(Request(WhatIfSimulatorTests.OneStepXml("specialist")) with { ArrivalsPerDay = 6 });

        Assert.Equal(("rate", new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 31)), (report.ArrivalSource, report.From, report.To));
        Assert.Equal(1, report.Current.Version);
        Assert.InRange(report.Current.Dossiers, 80, 200);
        Assert.Equal(report.Current.Dossiers, report.Candidate.Dossiers);
        Assert.Equal("XA-A.MOTCUA:specialist", Assert.Single(report.Candidate.Pools).Pool);
    }

    [Theory]
    [InlineData("candidate", "<definitions", 3, "Bản BPMN cần mô phỏng không chạy được")]
    [InlineData("months", null, 0, "Số tháng phải từ 1 đến 24, không phải 0.")]
    [InlineData("arrivalsPerDay", null, 3, "không có hồ sơ nào tiếp nhận từ 31/12/2025 đến 31/03/2026")]
    public async Task RunAsync_BadInput_NamesTheFieldAndWhy(string field, string? xml, int months, string message)
    {
        await PublishAsync();
        await using var db = _database.CreateContext();

        var error = await Assert.ThrowsAsync<WhatIfInputException>(() =>
            new WhatIfComparison(db, Calendar, _clock).RunAsync(Request(xml ?? WhatIfSimulatorTests.OneStepXml("reception")) with { Months = months }));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownDefinitionOrBadStaff_NamesIt()
    {
        await using var db = _database.CreateContext();
        var comparison = new WhatIfComparison(db, Calendar, _clock);

        var unknown = await Assert.ThrowsAsync<WhatIfInputException>(() => comparison.RunAsync(Request(WhatIfSimulatorTests.OneStepXml("reception")) with { ArrivalsPerDay = 1 }));
        var staff = await Assert.ThrowsAsync<WhatIfInputException>(() => comparison.RunAsync(
            Request(WhatIfSimulatorTests.OneStepXml("reception")) with { StaffOverrides = new Dictionary<string, int> { ["XA-A.MOTCUA"] = 2 } }));

        Assert.Equal(("definitionId", $"Không có quy trình '{Definition}'."), (unknown.Field, unknown.Message));
        Assert.Equal("staff", staff.Field);
    }

    public void Dispose() => _database.Dispose();

    private static WhatIfRequest Request(string xml) =>
        new(Definition, xml, 1, 7, null, new Dictionary<string, int>(), new Dictionary<string, int>());

    private async Task PublishAsync()
    {
        await using var db = _database.CreateContext();
        var store = new DefinitionStore(db, _clock);
        await store.SaveDraftAsync(Definition, WhatIfSimulatorTests.OneStepXml("reception"), "designer");
        await store.PublishAsync(Definition, "designer");
    }
}
