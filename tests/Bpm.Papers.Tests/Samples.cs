using System.IO.Compression;
using System.Text;

namespace Bpm.Papers.Tests;

/// <summary>Small files of each kind, built byte by byte, so the tests say exactly what a file starts and ends with.</summary>
internal static class Samples
{
    public static byte[] Pdf { get; } = Encoding.Latin1.GetBytes(
        "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
        + "trailer <</Root 1 0 R>>\nstartxref\n0\n%%EOF\n");

    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Png { get; } =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3A, 0x7E, 0x9B, 0x55];

    public static byte[] TiffLittleEndian { get; } = [.. "II*\0"u8, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00];

    public static byte[] TiffBigEndian { get; } = [.. "MM\0*"u8, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00];

    public static byte[] Gif { get; } = [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x3B];

    public static byte[] WindowsExecutable { get; } = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, .. "This program cannot be run in DOS mode.\r\n"u8];

    public static byte[] Html { get; } = "<!DOCTYPE html><html><body><script>alert('x')</script></body></html>"u8.ToArray();

    public static byte[] Svg { get; } =
        "\uFEFF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert('x')</script></svg>"u8.ToArray();

    /// <summary>A PDF that is also a ZIP archive: PDF readers start at the top, ZIP readers at the end.</summary>
    public static byte[] PdfZipPolyglot { get; } = [.. Pdf, .. Zip("payload.html", Encoding.ASCII.GetBytes("<script>alert('x')</script>"))];

    /// <summary>A JPEG whose comment segment is a web page: an image to an image viewer, a page to a sniffing browser.</summary>
    public static byte[] JpegHtmlPolyglot { get; } =
        [0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x2A, .. "<html><script>alert('x')</script></html>"u8, 0xFF, 0xD9];

    /// <summary>A PDF with XMP metadata near its start, as scanners write it: markup, but harmless.</summary>
    public static byte[] PdfWithXmp { get; } = Encoding.Latin1.GetBytes(
        "%PDF-1.7\n1 0 obj <</Type /Metadata /Subtype /XML>> stream\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF></rdf:RDF></x:xmpmeta>\n"
        + "endstream endobj\n%%EOF\n");

    /// <summary>An executable with a PDF header further in, which lenient PDF readers would open.</summary>
    public static byte[] ExecutableWithPdfInside { get; } = [.. WindowsExecutable, .. Pdf];

    /// <summary>A ZIP whose one entry inflates to 16 MB of zeros, offered as a PDF.</summary>
    public static byte[] ZipBomb { get; } = Zip("hoso.pdf", new byte[16 * 1024 * 1024]);

    /// <summary>A valid PDF of exactly <paramref name="length"/> bytes (padding in a comment line).</summary>
    public static byte[] PdfOfLength(int length)
    {
        var head = "%PDF-1.7\n%"u8;
        var end = "\n%%EOF\n"u8;
        var bytes = new byte[length];
        head.CopyTo(bytes);
        bytes.AsSpan(head.Length, length - head.Length - end.Length).Fill((byte)'x');
        end.CopyTo(bytes.AsSpan(length - end.Length));
        return bytes;
    }

    public static byte[] Zip(string entryName, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(entryName, CompressionLevel.SmallestSize).Open();
            entry.Write(content);
        }

        return buffer.ToArray();
    }
}
