using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Bpm.Organisation;
using Bpm.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Security;

/// <summary>Role × endpoint, unit scoping (lists and by id), and the three ways to sign in.</summary>
public abstract class AuthorisationTestBase<TFixture>(TFixture fixture) : ServerTestBase<TFixture>(fixture)
    where TFixture : class, IServerFixture
{
    public enum Call
    {
        ListDefinitions,
        SaveDraft,
        Validate,
        Migrate,
        StartInstance,
        ListTasks,
        Units,
        Me,
    }

    /// <summary>null user = anonymous.</summary>
    public static TheoryData<string?, Call, HttpStatusCode> Matrix => new()
    {
        { null, Call.ListDefinitions, HttpStatusCode.Unauthorized },
        { null, Call.SaveDraft, HttpStatusCode.Unauthorized },
        { null, Call.StartInstance, HttpStatusCode.Unauthorized },
        { null, Call.ListTasks, HttpStatusCode.Unauthorized },
        { null, Call.Units, HttpStatusCode.Unauthorized },
        { null, Call.Me, HttpStatusCode.Unauthorized },

        { "admin", Call.SaveDraft, HttpStatusCode.OK },
        { "admin", Call.StartInstance, HttpStatusCode.Created },
        { "admin", Call.Migrate, HttpStatusCode.BadRequest },

        { "thietke", Call.ListDefinitions, HttpStatusCode.OK },
        { "thietke", Call.SaveDraft, HttpStatusCode.OK },
        { "thietke", Call.Validate, HttpStatusCode.OK },
        { "thietke", Call.Migrate, HttpStatusCode.BadRequest },
        { "thietke", Call.StartInstance, HttpStatusCode.Forbidden },

        { "motcua.phuonglam", Call.StartInstance, HttpStatusCode.Created },
        { "motcua.phuonglam", Call.SaveDraft, HttpStatusCode.Forbidden },
        { "motcua.phuonglam", Call.Migrate, HttpStatusCode.Forbidden },
        { "motcua.phuonglam", Call.ListTasks, HttpStatusCode.OK },

        { "tuphap.phuonglam", Call.ListDefinitions, HttpStatusCode.OK },
        { "tuphap.phuonglam", Call.SaveDraft, HttpStatusCode.Forbidden },
        { "tuphap.phuonglam", Call.StartInstance, HttpStatusCode.Forbidden },
        { "tuphap.phuonglam", Call.ListTasks, HttpStatusCode.OK },

        { "lanhdao.phuonglam", Call.SaveDraft, HttpStatusCode.Forbidden },
        { "lanhdao.phuonglam", Call.StartInstance, HttpStatusCode.Forbidden },
        { "lanhdao.phuonglam", Call.Units, HttpStatusCode.OK },

        { "kiemtra", Call.ListDefinitions, HttpStatusCode.OK },
        { "kiemtra", Call.SaveDraft, HttpStatusCode.Forbidden },
        { "kiemtra", Call.StartInstance, HttpStatusCode.Forbidden },
        { "kiemtra", Call.Migrate, HttpStatusCode.Forbidden },
        { "kiemtra", Call.Me, HttpStatusCode.OK },
    };

    [SkippableTheory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_ByRole_AllowedOrRefused(string? user, Call call, HttpStatusCode expected)
    {
        SkipUnlessAvailable();
        var client = user is null ? Anonymous() : await SignInAsync(user);
        var sample = SampleXml(BirthRegistration);
        var response = call switch
        {
            Call.ListDefinitions => await client.GetAsync("/api/v1/definitions"),
            Call.SaveDraft => await client.PutAsJsonAsync($"/api/v1/definitions/{NewId("matrix")}/draft", new { xml = sample }),
            Call.Validate => await client.PostAsJsonAsync("/api/v1/definitions/validate", new { xml = sample }),
            // Same version on purpose: a role that may migrate reaches the handler, which refuses it (400) without touching anything.
            Call.Migrate => await client.PostAsJsonAsync($"/api/v1/definitions/{BirthRegistration}/migrations", new { fromVersion = 1, toVersion = 1, dryRun = true }),
            Call.StartInstance => await client.PostAsJsonAsync("/api/v1/instances", new { definitionId = BirthRegistration, businessKey = NewDossierCode() }),
            Call.ListTasks => await client.GetAsync("/api/v1/tasks"),
            Call.Units => await client.GetAsync("/api/v1/organisation/units"),
            Call.Me => await client.GetAsync("/api/v1/me"),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };

        if ((int)expected >= 400)
        {
            await ProblemAsync(response, expected);
        }
        else
        {
            Assert.True(response.StatusCode == expected, $"{user} {call}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [SkippableFact]
    public async Task Tasks_OfAnotherCommune_InvisibleInListsAndById()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var ownSpecialist = await SignInAsync("tuphap.phuonglam");
        var otherSpecialist = await SignInAsync("tuphap.hoabinh");
        var (instanceId, receipt, code) = await StartBirthRegistrationAsync(reception);
        await CompleteAsync(reception, receipt);
        var review = await SingleTaskAsync(ownSpecialist, code, "Task_ThamDinh");

        Assert.Empty(await OpenTasksAsync(otherSpecialist, code));
        var all = await JsonAsync(await otherSpecialist.GetAsync("/api/v1/tasks?status=all&pageSize=200"), HttpStatusCode.OK);
        Assert.DoesNotContain(all.GetProperty("items").EnumerateArray(), t => t.GetProperty("instanceId").GetString() == instanceId);
        await ProblemAsync(await otherSpecialist.GetAsync($"/api/v1/tasks/{review}"), HttpStatusCode.NotFound);
        await ProblemAsync(await otherSpecialist.PostAsync($"/api/v1/tasks/{review}/claim", null), HttpStatusCode.NotFound);
        await ProblemAsync(await otherSpecialist.PostAsJsonAsync($"/api/v1/tasks/{review}/complete", new { outcome = "approve" }), HttpStatusCode.NotFound);
        await ProblemAsync(await otherSpecialist.GetAsync($"/api/v1/instances/{instanceId}"), HttpStatusCode.NotFound);
        await ProblemAsync(await otherSpecialist.GetAsync($"/api/v1/instances/{instanceId}/journal"), HttpStatusCode.NotFound);
        await ProblemAsync(await otherSpecialist.GetAsync($"/api/v1/instances/{instanceId}/verify"), HttpStatusCode.NotFound);

        // Nothing moved: the task is still open for the right specialist.
        Assert.Equal(review, await SingleTaskAsync(ownSpecialist, code, "Task_ThamDinh"));
    }

    [SkippableFact]
    public async Task Tasks_OfAnotherUnitOfTheSameCommune_Invisible()
    {
        SkipUnlessAvailable();
        var reception = await SignInAsync("motcua.phuonglam");
        var specialist = await SignInAsync("tuphap.phuonglam");
        var (instanceId, receipt, code) = await StartBirthRegistrationAsync(reception);

        Assert.Empty(await OpenTasksAsync(specialist, code));
        await ProblemAsync(await specialist.GetAsync($"/api/v1/tasks/{receipt}"), HttpStatusCode.NotFound);
        await ProblemAsync(await specialist.GetAsync($"/api/v1/instances/{instanceId}"), HttpStatusCode.NotFound);
    }

    [SkippableFact]
    public async Task Auditor_ReadsEveryDossier_ButWorksNoTask()
    {
        SkipUnlessAvailable();
        var auditor = await SignInAsync("kiemtra");
        var (instanceId, receipt, code) = await StartBirthRegistrationAsync();

        var instance = await JsonAsync(await auditor.GetAsync($"/api/v1/instances/{instanceId}"), HttpStatusCode.OK);
        Assert.Equal(code, instance.GetProperty("businessKey").GetString());
        Assert.Empty(await OpenTasksAsync(auditor, code));
        await ProblemAsync(await auditor.PostAsJsonAsync($"/api/v1/tasks/{receipt}/complete", new { }), HttpStatusCode.NotFound);
        await ProblemAsync(await auditor.PostAsJsonAsync($"/api/v1/instances/{instanceId}/cancel", new { reason = "thử" }), HttpStatusCode.Forbidden);
    }

    [SkippableFact]
    public async Task Me_ListsRolesAndUnits()
    {
        SkipUnlessAvailable();
        var client = await SignInAsync("motcua.phuonglam");

        var me = await JsonAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.OK);

        Assert.Equal("motcua.phuonglam", me.GetProperty("userName").GetString());
        Assert.Equal(["Reception"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var unit = Assert.Single(me.GetProperty("units").EnumerateArray());
        Assert.Equal("XA-PHUONGLAM.MOTCUA", unit.GetProperty("code").GetString());
    }

    [SkippableFact]
    public async Task BearerToken_FromTokenEndpoint_AuthenticatesApiCalls()
    {
        SkipUnlessAvailable();
        var client = Anonymous();
        var token = await JsonAsync(await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "thietke", password = Password }), HttpStatusCode.OK);
        var machine = Anonymous();
        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());

        var me = await JsonAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        Assert.Equal("thietke", me.GetProperty("userName").GetString());

        machine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        await ProblemAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task ApiKey_OfMachineUser_AuthenticatesAndRevokedKeyDoesNot()
    {
        SkipUnlessAvailable();
        var key = "bpm_" + Guid.NewGuid().ToString("N");
        long id;
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrganisationDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
            var portal = new BpmUser { UserName = NewId("portal"), DisplayName = "Cổng dịch vụ công (kết nối)" };
            Assert.True((await users.CreateAsync(portal)).Succeeded);
            Assert.True((await users.AddToRoleAsync(portal, BpmRoles.Auditor)).Succeeded);
            var apiKey = new ApiKey { Name = "cong-dvc", KeyHash = Bpm.Server.Security.ApiKeyHandler.Hash(key), UserId = portal.Id, CreatedAt = DateTimeOffset.UnixEpoch };
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync();
            id = apiKey.Id;
        }

        var machine = Anonymous();
        machine.DefaultRequestHeaders.Add("X-Api-Key", key);
        var me = await JsonAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.OK);
        Assert.Equal(["Auditor"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await ProblemAsync(await machine.PutAsJsonAsync($"/api/v1/definitions/{NewId("k")}/draft", new { xml = SampleXml(BirthRegistration) }), HttpStatusCode.Forbidden);

        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrganisationDbContext>();
            var row = await db.ApiKeys.FindAsync(id);
            row!.RevokedAt = DateTimeOffset.UnixEpoch.AddDays(1);
            await db.SaveChangesAsync();
        }

        await ProblemAsync(await machine.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
        var wrong = Anonymous();
        wrong.DefaultRequestHeaders.Add("X-Api-Key", "bpm_wrong");
        await ProblemAsync(await wrong.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [SkippableFact]
    public async Task Login_FiveWrongPasswords_LocksTheAccount()
    {
        SkipUnlessAvailable();
        var userName = NewId("khoa");
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<BpmUser>>();
            Assert.True((await users.CreateAsync(new BpmUser { UserName = userName, DisplayName = "Thử khoá" }, Password)).Succeeded);
        }

        var client = Anonymous();
        for (var i = 0; i < 4; i++)
        {
            await ProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = "SaiMatKhau123" }), HttpStatusCode.Unauthorized);
        }

        await ProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = "SaiMatKhau123" }), HttpStatusCode.Locked);
        var locked = await ProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password = Password }), HttpStatusCode.Locked);
        Assert.Contains("tạm khoá", locked.GetProperty("detail").GetString());
    }

    [SkippableFact]
    public async Task Login_MissingFields_FieldLevelErrors()
    {
        SkipUnlessAvailable();
        var problem = await ProblemAsync(await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { userName = "" }), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }
}
