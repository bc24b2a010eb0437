using System.Text.Json;
using Bpm.Dossiers.Handoffs;

namespace Bpm.Dossiers.Tests.Handoffs;

/// <summary>Which files of a dossier's papers follow a handoff to a partner (docs/handoffs.md, "The papers' files").</summary>
public sealed class HandoffPaperFileTests
{
    [Fact]
    public void Of_PapersAsTheDossierKeepsThem_OneFilePerStoredScanAndNoneForAPaperWithout()
    {
        var papers = JsonSerializer.SerializeToElement(new object[]
        {
            new { id = "don-dang-ky-bien-dong", count = 1 },
            new
            {
                id = "giay-chung-nhan",
                count = 1,
                files = new[]
                {
                    new { fileId = "a1", sha256 = "aa", size = 10L, contentType = "application/pdf", fileName = "gcn.pdf" },
                    new { fileId = "a2", sha256 = "bb", size = 20L, contentType = "image/png", fileName = "gcn-trang-2.png" },
                },
            },
        }, JsonSerializerOptions.Web);

        var files = HandoffPaperFile.Of("tinh-a:7", papers).ToList();

        Assert.Equal(
            [new HandoffPaperFile("tinh-a:7", "a1", "giay-chung-nhan", "aa", 10, "application/pdf", "gcn.pdf"), new HandoffPaperFile("tinh-a:7", "a2", "giay-chung-nhan", "bb", 20, "image/png", "gcn-trang-2.png")],
            files);
    }

    [Fact]
    public void Of_FileWithoutItsHashOrSize_LeftOutRatherThanSentUnchecked()
    {
        var papers = JsonSerializer.SerializeToElement(new[] { new { id = "giay-chung-nhan", files = new object[] { new { fileId = "a1", size = 10L }, new { fileId = "a2", sha256 = "bb" } } } }, JsonSerializerOptions.Web);

        Assert.Empty(HandoffPaperFile.Of("tinh-a:7", papers));
        Assert.Empty(HandoffPaperFile.Of("tinh-a:7", null));
    }
}
