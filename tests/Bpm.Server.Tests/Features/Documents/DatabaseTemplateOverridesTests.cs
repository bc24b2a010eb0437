using Bpm.Persistence;
using Bpm.Persistence.Sqlite;
using Bpm.Server.Features.Documents;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Server.Tests.Features.Documents;

/// <summary>The database store of template overrides on a migrated SQLite file: what it finds, and when it reads the table again.</summary>
public sealed class DatabaseTemplateOverridesTests : IDisposable
{
    private const string Unit = "XA-PHUONGLAM.MOTCUA";
    private const string Template = "mau-01-tiep-nhan-hen-tra.html.scriban";
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-template-overrides-").FullName;
    private readonly DbContextOptions<BpmDbContext> _options;
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = VietnamTime.Clock(2027, 5, 10, 9);

    public DatabaseTemplateOverridesTests()
    {
        // Pooling off: the folder is deleted after the test, which an open pooled connection would keep locked.
        _options = BpmSqlite.Options($"Data Source={Path.Combine(_folder, "bpm.db")};Pooling=False");
        using var db = new BpmDbContext(_options);
        db.Database.Migrate();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Find_UnitWithARow_ReturnsItsTextAndNothingForAnotherUnitOrTemplate()
    {
        Write(Unit, Template, "riêng");
        var store = new DatabaseTemplateOverrides(_options, _clock);

        var found = store.Find(Unit, Template);

        Assert.Equal("riêng", found?.Text);
        Assert.Contains(Unit, found?.Origin);
        Assert.Null(store.Find("XA-HOABINH.MOTCUA", Template));
        Assert.Null(store.Find(Unit, "mau-02-bo-sung.html.scriban"));
    }

    [Fact]
    public void Find_AfterChanged_ReadsTheTableAgain()
    {
        var store = new DatabaseTemplateOverrides(_options, _clock);
        Assert.Null(store.Find(Unit, Template));
        Write(Unit, Template, "mới");

        var beforeChanged = store.Find(Unit, Template);
        store.Changed();
        var afterChanged = store.Find(Unit, Template);

        Assert.Null(beforeChanged);
        Assert.Equal("mới", afterChanged?.Text);
    }

    [Fact]
    public void Find_WrittenByAnotherHost_SeenOnceTheCopyIsOlderThanMaxAge()
    {
        var store = new DatabaseTemplateOverrides(_options, _clock);
        Assert.Null(store.Find(Unit, Template));
        Write(Unit, Template, "từ máy khác");

        _clock.Advance(DatabaseTemplateOverrides.MaxAge - TimeSpan.FromSeconds(1));
        var young = store.Find(Unit, Template);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var old = store.Find(Unit, Template);

        Assert.Null(young);
        Assert.Equal("từ máy khác", old?.Text);
    }

    private void Write(string unit, string template, string text)
    {
        using var db = new BpmDbContext(_options);
        db.TemplateOverrides.Add(new TemplateOverrideRecord { UnitCode = unit, TemplateName = template, Text = text, UpdatedAt = _clock.GetUtcNow(), UpdatedBy = "admin" });
        db.SaveChanges();
    }
}
