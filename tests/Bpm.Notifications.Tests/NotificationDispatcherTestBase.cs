using System.Collections.Concurrent;
using Bpm.Notifications.Channels;
using Bpm.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Notifications.Tests;

/// <summary>The notifications outbox on a real database: written with the step or not at all, sent at least once, each attempt kept.</summary>
public abstract class NotificationDispatcherTestBase<TDatabase>(TDatabase database) : IAsyncLifetime
    where TDatabase : IDatabaseFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));
    private readonly string _scratch = Directory.CreateTempSubdirectory("bpm-notifications-").FullName;
    private readonly HttpClient _http = new();
    private readonly ConcurrentQueue<string> _gatewayGot = new();
    // Answers planned per dossier code: the database is shared by the tests of a class, and another
    // test's pending messages must not take this one's answers.
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _gatewayPlan = new();
    private LoopbackHttpStub? _gateway;

    public async Task InitializeAsync() =>
        _gateway = await LoopbackHttpStub.StartAsync(app => app.MapPost("/sms", (HttpRequest request) =>
        {
            var key = request.Headers["Idempotency-Key"].ToString();
            _gatewayGot.Enqueue(key);
            var planned = _gatewayPlan.TryGetValue(key.Split('/')[0], out var plan) && plan.TryDequeue(out var status) ? status : 200;
            return Results.StatusCode(planned);
        }));

    public async Task DisposeAsync()
    {
        await _gateway!.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private static string NewCode() => $"000.00.12.H08-261201-{Random.Shared.Next(10000):D4}-{Guid.NewGuid():N}"[..40];

    private static OutgoingMessage Sms(string code, string occurrence = "1") =>
        new($"{code}/{occurrence}/sms", code, NoticeKind.Receipt, ChannelKind.Sms, "84912345678", null, "Đã tiếp nhận hồ sơ " + code);

    private static OutgoingMessage Email(string code) =>
        new($"{code}/1/email", code, NoticeKind.Receipt, ChannelKind.Email, "an@example.vn", "Đã tiếp nhận", "Kính gửi Ông/Bà");

    private NotificationDispatcher Dispatcher(int maxAttempts = 10)
    {
        var options = new NotificationOptions { SmsTransport = "http", Sms = new HttpGatewayOptions { Endpoint = new Uri(_gateway!.BaseAddress, "sms") } };
        return new NotificationDispatcher(database.CreateContext(), new NotificationChannels(options, _scratch, _http, _time), _time) { MaxAttempts = maxAttempts };
    }

    private void Plan(string code, params int[] statuses) => _gatewayPlan[code] = new ConcurrentQueue<int>(statuses);

    private async Task EnqueueAsync(params OutgoingMessage[] messages)
    {
        await using var db = database.CreateContext();
        await NotificationOutbox.EnqueueAsync(db, messages, _time.GetUtcNow());
        await db.SaveChangesAsync();
    }

    private async Task<Persistence.NotificationRecord> RowAsync(string messageId)
    {
        await using var db = database.CreateContext();
        return await db.Notifications.AsNoTracking().SingleAsync(n => n.MessageId == messageId);
    }

    private async Task<List<Persistence.NotificationAttemptRecord>> AttemptsAsync(string messageId)
    {
        await using var db = database.CreateContext();
        var id = (await RowAsync(messageId)).Id;
        return await db.NotificationAttempts.AsNoTracking().Where(a => a.NotificationId == id).OrderBy(a => a.Attempt).ToListAsync();
    }

    [SkippableFact]
    public async Task Enqueue_StepRolledBack_NoNotification()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await NotificationOutbox.EnqueueAsync(db, [Sms(code)], _time.GetUtcNow());
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = database.CreateContext();
        Assert.False(await check.Notifications.AnyAsync(n => n.DossierCode == code));
    }

    [SkippableFact]
    public async Task Enqueue_SameMessageTwice_OneRow()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();

        await EnqueueAsync(Sms(code), Sms(code));
        await EnqueueAsync(Sms(code));

        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.DossierCode == code));
    }

    [SkippableFact]
    public async Task Dispatch_GatewayAndFile_SentOnceEachAttemptRecorded()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        await EnqueueAsync(Sms(code), Email(code));

        await Dispatcher().DispatchAsync(batchSize: 1000);
        await Dispatcher().DispatchAsync(batchSize: 1000);

        Assert.Equal([$"{code}/1/sms"], _gatewayGot.Where(k => k.StartsWith(code, StringComparison.Ordinal)));
        var sms = await RowAsync($"{code}/1/sms");
        Assert.Equal(_time.GetUtcNow(), sms.SentAt);
        Assert.Equal("http:sms", Assert.Single(await AttemptsAsync(sms.MessageId)).ChannelName);
        var email = await AttemptsAsync($"{code}/1/email");
        Assert.Equal("file", Assert.Single(email).ChannelName);
        Assert.Contains(code, await File.ReadAllTextAsync(Path.Combine(_scratch, "notifications", "notifications-2026-12-01.jsonl")));
    }

    [SkippableFact]
    public async Task Dispatch_GatewayDownThenUp_TriedAgainAfterTheBackoffThenSent()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        await EnqueueAsync(Sms(code));
        Plan(code, 503);

        await Dispatcher().DispatchAsync(batchSize: 1000);
        var waiting = await RowAsync($"{code}/1/sms");
        _time.Advance(TimeSpan.FromSeconds(59));
        await Dispatcher().DispatchAsync(batchSize: 1000);
        var stillWaiting = await RowAsync($"{code}/1/sms");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Dispatcher().DispatchAsync(batchSize: 1000);

        Assert.Null(waiting.SentAt);
        Assert.Equal(_time.GetUtcNow(), waiting.NextAttemptAt);
        Assert.Equal(1, stillWaiting.Attempts);
        var attempts = await AttemptsAsync($"{code}/1/sms");
        Assert.Equal([false, true], attempts.Select(a => a.Accepted));
        Assert.StartsWith("503", attempts[0].Answer, StringComparison.Ordinal);
        Assert.NotNull((await RowAsync($"{code}/1/sms")).SentAt);
    }

    [SkippableFact]
    public async Task Dispatch_GatewayRefusesForGood_GivenUpAfterOneAttempt()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        await EnqueueAsync(Sms(code));
        Plan(code, 400);

        var pass = await Dispatcher().DispatchAsync(batchSize: 1000);
        _time.Advance(TimeSpan.FromDays(1));
        await Dispatcher().DispatchAsync(batchSize: 1000);

        Assert.True(pass.GaveUp >= 1);
        var row = await RowAsync($"{code}/1/sms");
        Assert.NotNull(row.GaveUpAt);
        Assert.Null(row.SentAt);
        Assert.Single(await AttemptsAsync(row.MessageId));
    }

    [SkippableFact]
    public async Task Dispatch_AttemptsRunOut_GivenUp()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        await EnqueueAsync(Sms(code));
        Plan(code, 503, 503, 503);

        for (var i = 0; i < 4; i++)
        {
            await Dispatcher(maxAttempts: 3).DispatchAsync(batchSize: 1000);
            _time.Advance(TimeSpan.FromHours(7));
        }

        var row = await RowAsync($"{code}/1/sms");
        Assert.NotNull(row.GaveUpAt);
        Assert.Equal(3, row.Attempts);
        Assert.Equal(3, (await AttemptsAsync(row.MessageId)).Count);
    }

    [SkippableFact]
    public async Task Dispatch_TwoHostsAtOnce_EachMessageSentOnce()
    {
        Skip.If(database.SkipReason is not null, database.SkipReason);
        var code = NewCode();
        var messages = Enumerable.Range(1, 30).Select(i => Sms(code, i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        await EnqueueAsync(messages);

        await Task.WhenAll(Task.Run(() => Dispatcher().DispatchAsync(batchSize: 1000)), Task.Run(() => Dispatcher().DispatchAsync(batchSize: 1000)));

        var got = _gatewayGot.Where(k => k.StartsWith(code, StringComparison.Ordinal)).ToList();
        Assert.Equal(messages.Select(m => m.Id).Order(), got.Order());
        await using var db = database.CreateContext();
        Assert.Equal(30, await db.Notifications.CountAsync(n => n.DossierCode == code && n.SentAt != null && n.Attempts == 1));
    }
}

public sealed class SqliteNotificationDispatcherTests(SqliteFixture database)
    : NotificationDispatcherTestBase<SqliteFixture>(database), IClassFixture<SqliteFixture>;

public sealed class PostgreSqlNotificationDispatcherTests(PostgresFixture database)
    : NotificationDispatcherTestBase<PostgresFixture>(database), IClassFixture<PostgresFixture>;
