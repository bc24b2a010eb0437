using Bpm.Documents.Templates;
using Bpm.Testing;
using Snapshooter;
using Snapshooter.Xunit;

namespace Bpm.Notifications.Tests;

public sealed class NotificationComposerTests
{
    private readonly NotificationComposer _composer = new(new TemplateSource(RepositoryRoot.Combine("workflows", "templates")));

    public static TheoryData<NoticeKind> Kinds() => [.. Enum.GetValues<NoticeKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Compose_EachNoticeForSmsAndEmail_MatchesSnapshot(NoticeKind kind)
    {
        var composed = _composer.Compose(SampleNotices.For(kind), SampleNotices.Applicant(), "su-kien-3");

        Assert.Empty(composed.Skipped);
        Snapshot.Match(composed.Messages, new SnapshotNameExtension(kind.ToString()));
    }

    [Fact]
    public void Compose_Receipt_TimesInVietnamAndCodeAndAppointment()
    {
        var sms = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(email: null), "1").Messages.Single();

        Assert.Equal(ChannelKind.Sms, sms.Channel);
        Assert.Equal("84912345678", sms.Address);
        Assert.Contains("lúc 09 giờ 30 phút, ngày 01/12/2026", sms.Body);
        Assert.Contains("Hẹn trả kết quả: 09 giờ 30 phút, ngày 02/12/2026", sms.Body);
        Assert.Contains(SampleNotices.Code, sms.Body);
    }

    [Fact]
    public void Compose_SameDayReceiptWithoutAppointment_SaysSoInsteadOfADate()
    {
        var notice = SampleNotices.Receipt() with { AppointmentAt = null };

        var composed = _composer.Compose(notice, SampleNotices.Applicant(), "1").Messages;

        Assert.DoesNotContain("Hẹn trả", composed.Single(m => m.Channel == ChannelKind.Sms).Body);
        Assert.Contains("Thủ tục này được giải quyết trong ngày.", composed.Single(m => m.Channel == ChannelKind.Email).Body);
    }

    [Fact]
    public void Compose_Email_FirstTemplateLineIsTheSubject()
    {
        var email = _composer.Compose(SampleNotices.For(NoticeKind.Apology), SampleNotices.Applicant(phone: null), "1").Messages.Single();

        Assert.Equal("Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ 000.00.12.H08-261201-0007", email.Subject);
        Assert.StartsWith("Kính gửi Ông/Bà,", email.Body, StringComparison.Ordinal);
        Assert.Contains("hẹn trả kết quả ngày 08/12/2026", email.Body);
    }

    [Fact]
    public void Compose_SameOccurrenceTwice_SameMessageIds()
    {
        var first = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(), "su-kien-1").Messages.Select(m => m.Id);
        var again = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(), "su-kien-1").Messages.Select(m => m.Id);
        var other = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(), "su-kien-2").Messages.Select(m => m.Id);

        Assert.Equal(first, again);
        Assert.Equal(["000.00.12.H08-261201-0007/su-kien-1/sms", "000.00.12.H08-261201-0007/su-kien-1/email"], first);
        Assert.Empty(first.Intersect(other));
    }

    [Fact]
    public void Compose_ZaloConsent_ZaloInsteadOfSms()
    {
        var channels = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(zalo: true), "1").Messages.Select(m => m.Channel);

        Assert.Equal([ChannelKind.Zalo, ChannelKind.Email], channels);
    }

    [Fact]
    public void Compose_PreferredEmailOnly_NoSms()
    {
        var channels = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(preferred: [ChannelKind.Email]), "1").Messages.Select(m => m.Channel);

        Assert.Equal([ChannelKind.Email], channels);
    }

    [Fact]
    public void Compose_PreferredNone_NoMessageThoughPhoneAndEmailAreThere()
    {
        var composed = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(preferred: []), "1");

        Assert.Empty(composed.Messages);
    }

    [Fact]
    public void Compose_PreferredZaloWithoutConsent_NotSentThere()
    {
        var composed = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(preferred: [ChannelKind.Zalo, ChannelKind.Sms]), "1");

        Assert.Equal([ChannelKind.Sms], composed.Messages.Select(m => m.Channel));
    }

    [Theory]
    [InlineData("0243 824 1234")]
    [InlineData("12345")]
    public void Compose_PhoneNotAMobileNumber_SmsSkippedWithTheReason(string phone)
    {
        var composed = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(phone: phone), "1");

        Assert.Equal([ChannelKind.Email], composed.Messages.Select(m => m.Channel));
        Assert.Equal($"Sms: số điện thoại '{phone}' không phải số di động Việt Nam", Assert.Single(composed.Skipped));
    }

    [Fact]
    public void Compose_NoContactAtAll_NoMessages()
    {
        var composed = _composer.Compose(SampleNotices.Receipt(), SampleNotices.Applicant(phone: null, email: null), "1");

        Assert.Empty(composed.Messages);
    }

    [Theory]
    [InlineData("0912345678", "84912345678")]
    [InlineData("+84 912 345 678", "84912345678")]
    [InlineData("84912345678", "84912345678")]
    [InlineData("(091) 234-5678", "84912345678")]
    [InlineData("0312345678", "84312345678")]
    [InlineData("0212345678", null)]
    [InlineData("091234567", null)]
    public void MobileNumber_VietnameseForms_GatewayForm(string phone, string? expected) =>
        Assert.Equal(expected, new Recipient("A", phone, null).MobileNumber);

    [Fact]
    public void NoticeTemplates_EveryKind_HasBothShippedFiles()
    {
        var missing = NoticeTemplates.All().Where(f => !File.Exists(RepositoryRoot.Combine("workflows", "templates", f)));

        Assert.Empty(missing);
        Assert.Equal(Enum.GetValues<NoticeKind>().Length * 2, NoticeTemplates.All().Distinct().Count());
    }
}
