using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace Bpm.Papers.Tests;

/// <summary>What every <see cref="IPaperStore"/> must do; one thin class per store derives from it.</summary>
public abstract class PaperStoreTestBase
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 30, 0, TimeSpan.Zero));

    protected abstract IPaperStore CreateStore(PaperOptions? options = null);

    /// <summary>How many papers (or pieces of one) the store holds, in any state.</summary>
    protected abstract int Leftovers(IPaperStore store);

    public static TheoryData<string, string, PaperKind> AllowedFiles => new()
    {
        { nameof(Samples.Pdf), "don-de-nghi.pdf", PaperKind.Pdf },
        { nameof(Samples.Jpeg), "cccd-mat-truoc.jpg", PaperKind.Jpeg },
        { nameof(Samples.Png), "so-ho-khau.png", PaperKind.Png },
        { nameof(Samples.TiffLittleEndian), "ban-ve.tif", PaperKind.Tiff },
        { nameof(Samples.TiffBigEndian), "ban-ve.tiff", PaperKind.Tiff },
        { nameof(Samples.PdfWithXmp), "quet-tu-may.pdf", PaperKind.Pdf },
    };

    [Theory]
    [MemberData(nameof(AllowedFiles))]
    public async Task SaveAsync_EachAllowedKind_StoredWithDetectedType(string sample, string name, PaperKind kind)
    {
        var store = CreateStore();
        var bytes = Sample(sample);

        var paper = await store.SaveAsync(new MemoryStream(bytes), name, null);

        Assert.Equal(kind, paper.Kind);
        Assert.Equal(kind.MediaType(), paper.ContentType);
        Assert.Equal(bytes.Length, paper.Size);
        Assert.Equal(name, paper.FileName);
        Assert.Equal(Time.GetUtcNow(), paper.StoredAt);
    }

    [Fact]
    public async Task OpenAsync_SavedPaper_ReturnsSameBytesAndRecord()
    {
        var store = CreateStore();
        var saved = await store.SaveAsync(TestStreams.Trickle(Samples.Pdf), "Giấy khai sinh.pdf", "application/pdf");

        await using var opened = await store.OpenAsync(saved.Id);

        Assert.NotNull(opened);
        Assert.Equal(saved, opened.Paper);
        using var copy = new MemoryStream();
        await opened.Content.CopyToAsync(copy);
        Assert.Equal(Samples.Pdf, copy.ToArray());
    }

    [Fact]
    public async Task SaveAsync_KnownContent_Sha256MatchesPrecomputedValue()
    {
        // SHA-256 of Samples.Pdf, computed outside .NET (Python hashlib).
        const string expected = "856e0da7741229f8ab42919b1438477d4f6d069bed8f4eb3608b00bcbd532fba";
        var paper = await CreateStore().SaveAsync(TestStreams.Trickle(Samples.Pdf, 3), "a.pdf", null);

        Assert.Equal(expected, paper.Sha256);
    }

    [Fact]
    public async Task OpenAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await CreateStore().OpenAsync(PaperId.New(Time)));
    }

    [Fact]
    public async Task DeleteAsync_SavedPaper_GoneAndSecondDeleteReportsNothing()
    {
        var store = CreateStore();
        var paper = await store.SaveAsync(new MemoryStream(Samples.Png), "a.png", "image/png");

        Assert.True(await store.DeleteAsync(paper.Id));

        Assert.Null(await store.OpenAsync(paper.Id));
        Assert.False(await store.DeleteAsync(paper.Id));
        Assert.Equal(0, Leftovers(store));
    }

    [Fact]
    public async Task SaveAsync_SameContentConcurrently_EachSavedWholeUnderItsOwnId()
    {
        var store = CreateStore();
        var content = Samples.PdfOfLength(300_000);
        var expected = Convert.ToHexStringLower(SHA256.HashData(content));

        var papers = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(i => Task.Run(() => store.SaveAsync(TestStreams.Trickle(content, 4096), $"ban-sao-{i}.pdf", "application/pdf"))));

        Assert.Equal(16, papers.Select(p => p.Id).Distinct().Count());
        Assert.All(papers, p => Assert.Equal(expected, p.Sha256));
        foreach (var paper in papers)
        {
            await using var opened = await store.OpenAsync(paper.Id);
            using var copy = new MemoryStream();
            await opened!.Content.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        Assert.Equal(16, Leftovers(store));
    }

    [Fact]
    public async Task SaveAsync_ExactlyAtLimit_Stored()
    {
        var store = CreateStore(new PaperOptions { MaxFileBytes = 4096 });

        var paper = await store.SaveAsync(new MemoryStream(Samples.PdfOfLength(4096)), "a.pdf", null);

        Assert.Equal(4096, paper.Size);
    }

    [Fact]
    public async Task SaveAsync_OneByteOverLimit_RefusedAndNothingKept()
    {
        var store = CreateStore(new PaperOptions { MaxFileBytes = 4096 });

        var refusal = await RefusedAsync(store, Samples.PdfOfLength(4097), "a.pdf");

        Assert.Equal(PaperRefusalCodes.TooLarge, refusal.Code);
        Assert.Contains("\"a.pdf\"", refusal.Message);
        Assert.Contains("4 KB", refusal.Message);
        Assert.Equal(0, Leftovers(store));
    }

    [Fact]
    public async Task SaveAsync_DefaultLimit_TwentyMegabytesAcceptedOneMoreRefused()
    {
        var store = CreateStore();
        const int limit = 20 * 1024 * 1024;

        var atLimit = await store.SaveAsync(new MemoryStream(Samples.PdfOfLength(limit)), "a.pdf", null);
        var over = await RefusedAsync(store, Samples.PdfOfLength(limit + 1), "b.pdf");

        Assert.Equal(limit, atLimit.Size);
        Assert.Equal(PaperRefusalCodes.TooLarge, over.Code);
        Assert.Contains("20 MB", over.Message);
        Assert.Equal(1, Leftovers(store));
    }

    [Fact]
    public async Task SaveAsync_EndlessUpload_StopsReadingJustPastTheLimit()
    {
        var store = CreateStore(new PaperOptions { MaxFileBytes = 1024 * 1024 });
        var upload = TestStreams.Endless("%PDF-1.7\n"u8.ToArray());

        var e = await Assert.ThrowsAsync<PaperRefusedException>(() => store.SaveAsync(upload, "a.pdf", null));

        Assert.Equal(PaperRefusalCodes.TooLarge, e.Refusal.Code);
        Assert.Equal(1024 * 1024 + 1, upload.BytesRead);
        Assert.Equal(0, Leftovers(store));
    }

    [Fact]
    public async Task SaveAsync_EmptyFile_Refused()
    {
        var store = CreateStore();

        var refusal = await RefusedAsync(store, [], "trong.pdf");

        Assert.Equal(PaperRefusalCodes.Empty, refusal.Code);
        Assert.Equal("Tệp \"trong.pdf\": tệp rỗng (0 byte). (paper-empty)", refusal.Message);
        Assert.Equal(0, Leftovers(store));
    }

    public static TheoryData<string, string, string, string> RefusedFiles => new()
    {
        { nameof(Samples.WindowsExecutable), "to-khai.pdf", PaperRefusalCodes.TypeMismatch, "tệp chương trình chạy được" },
        { nameof(Samples.WindowsExecutable), "setup.exe", PaperRefusalCodes.TypeNotAllowed, "tệp chương trình chạy được" },
        { nameof(Samples.WindowsExecutable), "khong-duoi", PaperRefusalCodes.TypeNotAllowed, "tệp chương trình chạy được" },
        { nameof(Samples.ExecutableWithPdfInside), "to-khai.pdf", PaperRefusalCodes.TypeMismatch, "tệp chương trình chạy được" },
        { nameof(Samples.Html), "to-khai.pdf", PaperRefusalCodes.TypeMismatch, "trang HTML" },
        { nameof(Samples.Svg), "chu-ky.png", PaperRefusalCodes.TypeMismatch, "ảnh SVG" },
        { nameof(Samples.Svg), "chu-ky.svg", PaperRefusalCodes.TypeNotAllowed, "ảnh SVG" },
        { nameof(Samples.PdfZipPolyglot), "to-khai.pdf", PaperRefusalCodes.TypeMismatch, "tệp nén ZIP ở cuối" },
        { nameof(Samples.JpegHtmlPolyglot), "anh-the.jpg", PaperRefusalCodes.TypeMismatch, "mã HTML hoặc SVG" },
        { nameof(Samples.ZipBomb), "to-khai.pdf", PaperRefusalCodes.TypeMismatch, "tệp nén ZIP" },
        { nameof(Samples.Gif), "anh.gif", PaperRefusalCodes.TypeNotAllowed, "ảnh GIF" },
        { nameof(Samples.Jpeg), "anh.png", PaperRefusalCodes.TypeMismatch, "phần mở rộng \".png\" là của ảnh PNG" },
    };

    [Theory]
    [MemberData(nameof(RefusedFiles))]
    public async Task SaveAsync_ContentNotWhatItClaimsOrNotAllowed_RefusedNamingFileAndReason(string sample, string name, string code, string reason)
    {
        var store = CreateStore();

        var refusal = await RefusedAsync(store, Sample(sample), name);

        Assert.Equal(code, refusal.Code);
        Assert.StartsWith($"Tệp \"{name}\": ", refusal.Message);
        Assert.Contains(reason, refusal.Message);
        Assert.EndsWith($"({code})", refusal.Message);
        Assert.Equal(0, Leftovers(store));
    }

    [Fact]
    public async Task SaveAsync_DeclaredTypeContradictsContent_Refused()
    {
        var store = CreateStore();

        var refusal = await RefusedAsync(store, Samples.Png, "anh", "image/jpeg");

        Assert.Equal(PaperRefusalCodes.TypeMismatch, refusal.Code);
        Assert.Contains("loại khai báo \"image/jpeg\"", refusal.Message);
    }

    [Fact]
    public async Task SaveAsync_GenericDeclaredTypeAndNoExtension_TypeComesFromContent()
    {
        var paper = await CreateStore().SaveAsync(new MemoryStream(Samples.Png), "scan", "application/octet-stream");

        Assert.Equal(PaperKind.Png, paper.Kind);
        Assert.Equal("image/png", paper.ContentType);
    }

    [Fact]
    public async Task SaveAsync_PdfWithoutEndMarker_Refused()
    {
        var truncated = Samples.Pdf[..^8];

        var refusal = await RefusedAsync(CreateStore(), truncated, "a.pdf");

        Assert.Equal(PaperRefusalCodes.TypeMismatch, refusal.Code);
        Assert.Contains("%%EOF", refusal.Message);
    }

    [Fact]
    public async Task SaveAsync_KindLeftOutOfAllowedTypes_Refused()
    {
        var store = CreateStore(new PaperOptions { AllowedTypes = "pdf" });

        var refusal = await RefusedAsync(store, Samples.TiffLittleEndian, "ban-ve.tif");

        Assert.Equal(PaperRefusalCodes.TypeNotAllowed, refusal.Code);
        Assert.Contains("(PDF)", refusal.Message);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf")]
    [InlineData("..\\..\\Windows\\win.ini.pdf")]
    [InlineData("hoso.pdf\0.exe")]
    public async Task SaveAsync_NameWithTraversalOrNul_RefusedBeforeReading(string name)
    {
        var store = CreateStore();
        var upload = TestStreams.Endless("%PDF-1.7\n"u8.ToArray());

        var e = await Assert.ThrowsAsync<PaperRefusedException>(() => store.SaveAsync(upload, name, null));

        Assert.Equal(PaperRefusalCodes.NameInvalid, e.Refusal.Code);
        Assert.DoesNotContain('\0', e.Refusal.Message);
        Assert.Equal(0, upload.BytesRead);
        Assert.Equal(0, Leftovers(store));
    }

    [Fact]
    public async Task SaveAsync_CancelledMidStream_ThrowsAndLeavesNothing()
    {
        var store = CreateStore();
        using var cancel = new CancellationTokenSource();
        var upload = TestStreams.CancelledAfter(Samples.PdfOfLength(200_000), 100_000, cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(upload, "a.pdf", null, cancel.Token));

        Assert.Equal(0, Leftovers(store));
    }

    protected static async Task<PaperRefusal> RefusedAsync(IPaperStore store, byte[] content, string name, string? declaredType = null) =>
        (await Assert.ThrowsAsync<PaperRefusedException>(() => store.SaveAsync(new MemoryStream(content), name, declaredType))).Refusal;

    private static byte[] Sample(string name) => (byte[])typeof(Samples).GetProperty(name)!.GetValue(null)!;
}
