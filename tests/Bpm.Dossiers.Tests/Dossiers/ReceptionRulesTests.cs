using Bpm.Dossiers.Catalog;
using Bpm.Dossiers.Dossiers;

namespace Bpm.Dossiers.Tests.Dossiers;

public sealed class ReceptionRulesTests
{
    private const string Desk = "XA-PHUONGLAM.MOTCUA";
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly Procedure BirthRegistration =
        JsonCatalogReader.Read(File.ReadAllText(RepositoryFiles.Catalog)).Procedures.Single(p => p.Code == "1.001193");

    [Fact]
    public void Check_CompleteBirthRegistrationAtTheDesk_NoErrors() =>
        Assert.Empty(ReceptionRules.Check(Request(), BirthRegistration, Desk, Today));

    [Fact]
    public void Check_OrganisationWithoutNameOrTaxCode_NamesBothFields()
    {
        var request = Request() with { Applicant = Person() with { Kind = "organisation", TaxCode = "12345" } };

        var errors = ReceptionRules.Check(request, BirthRegistration, Desk, Today);

        Assert.Contains("applicant.organisationName", errors.Keys);
        Assert.Contains("10 chữ số", Assert.Single(errors["applicant.taxCode"]));
    }

    [Theory]
    [InlineData(PaperForm.Original, "original", true)]
    [InlineData(PaperForm.Original, "certifiedCopy", false)]
    [InlineData(PaperForm.Original, "copy", false)]
    [InlineData(PaperForm.CertifiedCopy, "original", true)]
    [InlineData(PaperForm.CertifiedCopy, "certifiedCopy", true)]
    [InlineData(PaperForm.CertifiedCopy, "copy", false)]
    [InlineData(PaperForm.Copy, "original", true)]
    [InlineData(PaperForm.Copy, "copy", true)]
    [InlineData(PaperForm.OriginalOrCopy, "copy", true)]
    [InlineData(PaperForm.OriginalOrCopy, "originalOrCopy", false)]
    [InlineData(PaperForm.Original, "Original", false)]
    public void Check_FormHandedIn_AcceptedOnlyWhenItServesForTheAskedOne(PaperForm asked, string given, bool accepted)
    {
        var procedure = BirthRegistration with { Papers = [.. BirthRegistration.Papers.Select(p => p.Id == "to-khai-khai-sinh" ? p with { Form = asked } : p)] };
        var request = Request() with { Papers = [new("to-khai-khai-sinh", 1, given), new("giay-chung-sinh", 1)] };

        var errors = ReceptionRules.Check(request, procedure, Desk, Today);

        Assert.Equal(accepted, !errors.ContainsKey("papers[0].form"));
        Assert.DoesNotContain("papers[1].form", errors.Keys);
    }

    [Fact]
    public void Check_FormCopyWhereTheOriginalIsAsked_SaysWhichFormIsAsked()
    {
        var request = Request() with { Papers = [new("to-khai-khai-sinh", 1, "copy"), new("giay-chung-sinh", 1)] };

        var errors = ReceptionRules.Check(request, BirthRegistration, Desk, Today);

        Assert.Equal("Giấy tờ 'to-khai-khai-sinh' phải nộp bản chính; bản sao không thay được.", Assert.Single(errors["papers[0].form"]));
    }

    [Fact]
    public void Check_PaperTwiceUnknownAndZero_EachNamedByIndex()
    {
        var request = Request() with { Papers = [new("to-khai-khai-sinh", 1), new("to-khai-khai-sinh", 1), new("giay-khong-co", 0)] };

        var errors = ReceptionRules.Check(request, BirthRegistration, Desk, Today);

        Assert.Contains("đã có ở trên", Assert.Single(errors["papers[1].id"]));
        Assert.Contains("giay-khong-co", Assert.Single(errors["papers[2].id"]));
        Assert.Contains("papers[2].count", errors.Keys);
    }

    [Fact]
    public void Check_AtAnotherDeskOfTheProvince_ReceivedForTheCompetentAgency()
    {
        Assert.Empty(ReceptionRules.Check(Request(), BirthRegistration, "XA-HOABINH.MOTCUA", Today));

        var routing = ReceptionRouting.Decide(BirthRegistration, "XA-HOABINH.MOTCUA", null, Today, out _);

        Assert.Equal(new ReceptionRouting.Decision("XA-PHUONGLAM", Routed: true), routing);
    }

    [Fact]
    public void Decide_AtTheAgencysOwnDesk_NotRouted() =>
        Assert.Equal(new ReceptionRouting.Decision("XA-PHUONGLAM", Routed: false), ReceptionRouting.Decide(BirthRegistration, Desk, null, Today, out _));

    [Fact]
    public void Check_NoDeskListedAndNoCompetentAgency_AsksForIt()
    {
        var unlisted = BirthRegistration with { Levels = [.. BirthRegistration.Levels.Select(l => l with { ReceivingUnits = [] })] };

        Assert.Contains("competentAgency", Assert.Single(ReceptionRules.Check(Request(), unlisted, Desk, Today)["competentAgency"]));
        Assert.Empty(ReceptionRules.Check(Request() with { CompetentAgency = "XA-HOABINH" }, unlisted, Desk, Today));
    }

    [Fact]
    public void Check_DistrictProcedureAtAnotherDesk_NotReceivedThere()
    {
        var district = BirthRegistration with { Levels = [.. BirthRegistration.Levels.Select(l => l with { Level = AdministrativeLevel.District })] };

        Assert.Contains("XA-HOABINH.MOTCUA", Assert.Single(ReceptionRules.Check(Request(), district, "XA-HOABINH.MOTCUA", Today)["procedureCode"]));
    }

    [Fact]
    public void Check_PresentOnlyAndReplaceablePapersMissing_NotRequired()
    {
        // Giấy chứng sinh can come from the digitised record; the identity paper is only shown at the desk.
        var request = Request() with { Papers = [new("to-khai-khai-sinh", 1)] };

        Assert.Empty(ReceptionRules.Check(request, BirthRegistration, Desk, Today));
    }

    [Fact]
    public void Check_NotifyByLandlineForSmsAndEmailWithoutAddress_EachEntryNamedByIndex()
    {
        var request = Request() with { Applicant = Person() with { Phone = "02563822222", Email = null, NotifyBy = ["zalo", "email", "fax"] } };

        var errors = ReceptionRules.Check(request, BirthRegistration, Desk, Today);

        Assert.Contains("di động", Assert.Single(errors["applicant.notifyBy[0]"]));
        Assert.Contains("applicant.email", Assert.Single(errors["applicant.notifyBy[1]"]));
        Assert.Contains("'fax'", Assert.Single(errors["applicant.notifyBy[2]"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sms,email")]
    [InlineData("zalo")]
    public void Check_NotifyByWithItsAddresses_NoErrors(string channels) =>
        Assert.Empty(ReceptionRules.Check(Request() with { Applicant = Person() with { NotifyBy = channels.Split(',', StringSplitOptions.RemoveEmptyEntries) } }, BirthRegistration, Desk, Today));

    [Fact]
    public void Stored_NoneChosenAndNotSaid_EmptyAndNullParsedBack()
    {
        Assert.Equal(("", null), (NoticeChannels.Stored([]), NoticeChannels.Stored(null)));
        Assert.Equal(["sms", "email"], NoticeChannels.Parse(NoticeChannels.Stored(["sms", "email", "sms"])));
        Assert.Empty(NoticeChannels.Parse("")!);
        Assert.Null(NoticeChannels.Parse(null));
    }

    private static ApplicantInput Person() => new("person", "Nguyễn Văn An", "052099012345", "0912345678", "an@example.vn", "Thôn 1", null, null);

    private static ReceptionRequest Request() =>
        new("1.001193", Person(), [new("to-khai-khai-sinh", 1), new("giay-chung-sinh", 1)], "desk", null, null);
}
