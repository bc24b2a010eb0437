namespace Bpm.Papers.Tests;

public sealed class PaperSnifferTests
{
    public static TheoryData<string, PaperKind> Kinds => new()
    {
        { nameof(Samples.Pdf), PaperKind.Pdf },
        { nameof(Samples.Jpeg), PaperKind.Jpeg },
        { nameof(Samples.Png), PaperKind.Png },
        { nameof(Samples.TiffLittleEndian), PaperKind.Tiff },
        { nameof(Samples.TiffBigEndian), PaperKind.Tiff },
        { nameof(Samples.Gif), PaperKind.Gif },
        { nameof(Samples.WindowsExecutable), PaperKind.Executable },
        { nameof(Samples.ExecutableWithPdfInside), PaperKind.Executable },
        { nameof(Samples.Html), PaperKind.Html },
        { nameof(Samples.Svg), PaperKind.Svg },
        { nameof(Samples.ZipBomb), PaperKind.Zip },
        { nameof(Samples.PdfZipPolyglot), PaperKind.Pdf },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Detect_Sample_KindFromMagicBytes(string sample, PaperKind expected)
    {
        var bytes = (byte[])typeof(Samples).GetProperty(sample)!.GetValue(null)!;

        Assert.Equal(expected, PaperSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, PaperSniffer.HeaderLength))));
    }

    [Theory]
    [InlineData("\x7F" + "ELF\x02\x01", PaperKind.Executable)]
    [InlineData("#!/bin/sh\nrm -rf /", PaperKind.Script)]
    [InlineData("  \r\n<html><body>%PDF-1.7", PaperKind.Html)]
    [InlineData("<!-- note --><svg onload=alert(1)>", PaperKind.Svg)]
    [InlineData("plain text, not a paper", PaperKind.Unknown)]
    [InlineData(" %PDF-1.7", PaperKind.Unknown)]
    public void Detect_OtherContent_RecognisedOrUnknown(string content, PaperKind expected)
    {
        Assert.Equal(expected, PaperSniffer.Detect(System.Text.Encoding.Latin1.GetBytes(content)));
    }

    [Fact]
    public void Detect_LegacyOfficeCompoundFile_Recognised()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];

        Assert.Equal(PaperKind.LegacyOffice, PaperSniffer.Detect(ole));
    }

    [Fact]
    public void EndsWithZipArchive_PolyglotTail_TrueAndPlainPdf_False()
    {
        Assert.True(PaperSniffer.EndsWithZipArchive(Samples.PdfZipPolyglot));
        Assert.False(PaperSniffer.EndsWithZipArchive(Samples.Pdf));
    }

    [Fact]
    public void EndsWithZipArchive_SignatureInsideDataNotEndingTheFile_False()
    {
        // The four bytes alone, as compressed data may hold them, with no record that ends the file.
        byte[] data = [.. Samples.PdfOfLength(200), .. "PK\x05\x06"u8, .. new byte[30]];

        Assert.False(PaperSniffer.EndsWithZipArchive(data));
    }
}
