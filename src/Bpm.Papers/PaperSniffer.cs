using System.Buffers.Binary;
using System.Text;

namespace Bpm.Papers;

/// <summary>
/// Tells a paper's kind from its magic bytes at offset 0. Requiring the signature at the very start
/// (PDF readers tolerate junk before <c>%PDF-</c>) is what refuses a file that is an executable or
/// an HTML page first and a PDF further on.
/// </summary>
internal static class PaperSniffer
{
    /// <summary>How much of the start of a file the sniffer looks at.</summary>
    public const int HeaderLength = 4096;

    /// <summary>How much of the end is kept: a ZIP end record (22 bytes) with the longest comment.</summary>
    public const int TailLength = 22 + ushort.MaxValue;

    private static readonly (byte[] Magic, PaperKind Kind)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), PaperKind.Pdf),
        ([0xFF, 0xD8, 0xFF], PaperKind.Jpeg),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], PaperKind.Png),
        ("II*\0"u8.ToArray(), PaperKind.Tiff),
        ("MM\0*"u8.ToArray(), PaperKind.Tiff),
        ("II+\0"u8.ToArray(), PaperKind.Tiff), // BigTIFF, which large-format scanners write
        ("MM\0+"u8.ToArray(), PaperKind.Tiff),
        ("GIF87a"u8.ToArray(), PaperKind.Gif),
        ("GIF89a"u8.ToArray(), PaperKind.Gif),
        ("PK\x03\x04"u8.ToArray(), PaperKind.Zip),
        ("PK\x05\x06"u8.ToArray(), PaperKind.Zip),
        ("PK\x07\x08"u8.ToArray(), PaperKind.Zip),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], PaperKind.LegacyOffice),
        ("MZ"u8.ToArray(), PaperKind.Executable),
        ([0x7F, 0x45, 0x4C, 0x46], PaperKind.Executable), // ELF
        ([0xFE, 0xED, 0xFA, 0xCE], PaperKind.Executable), // Mach-O
        ([0xFE, 0xED, 0xFA, 0xCF], PaperKind.Executable),
        ([0xCE, 0xFA, 0xED, 0xFE], PaperKind.Executable),
        ([0xCF, 0xFA, 0xED, 0xFE], PaperKind.Executable),
        ("#!"u8.ToArray(), PaperKind.Script),
    ];

    private static readonly string[] ActiveTags = ["<script", "<html", "<body", "<iframe", "<svg", "<object", "<embed"];

    public static PaperKind Detect(ReadOnlySpan<byte> header)
    {
        foreach (var (magic, kind) in Signatures)
        {
            if (header.StartsWith(magic))
            {
                return kind;
            }
        }

        return DetectMarkup(header);
    }

    /// <summary>
    /// Whether the file ends with a well-formed ZIP end-of-central-directory record: the mark of a
    /// polyglot (a valid PDF or image that is also a ZIP archive, as ZIP readers start at the end).
    /// </summary>
    public static bool EndsWithZipArchive(ReadOnlySpan<byte> tail)
    {
        ReadOnlySpan<byte> mark = "PK\x05\x06"u8;
        for (var at = tail.Length - 22; at >= 0; at--)
        {
            if (tail.Slice(at).StartsWith(mark)
                && at + 22 + BinaryPrimitives.ReadUInt16LittleEndian(tail.Slice(at + 20, 2)) == tail.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the start of an otherwise valid file holds an HTML or SVG tag that runs script: a
    /// JPEG or PDF that is also a web page, which a browser that sniffs content would render.
    /// XMP metadata (<c>&lt;x:xmpmeta&gt;</c>, <c>&lt;rdf:RDF&gt;</c>) is markup too, and harmless, so only
    /// these tags count.
    /// </summary>
    public static bool CarriesActiveMarkup(ReadOnlySpan<byte> header)
    {
        var lower = Encoding.Latin1.GetString(header).ToLowerInvariant();
        return ActiveTags.Any(tag => lower.Contains(tag, StringComparison.Ordinal));
    }

    /// <summary>Whether a PDF's last kilobyte holds its end-of-file marker; without it the PDF is cut short or something was appended.</summary>
    public static bool HasPdfEnd(ReadOnlySpan<byte> tail) =>
        tail.Slice(Math.Max(0, tail.Length - 1024)).IndexOf("%%EOF"u8) >= 0;

    private static PaperKind DetectMarkup(ReadOnlySpan<byte> header)
    {
        var text = header.StartsWith(Encoding.UTF8.Preamble) ? header[3..] : header;
        var start = 0;
        while (start < text.Length && text[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f')
        {
            start++;
        }

        if (start == text.Length || text[start] != (byte)'<')
        {
            return PaperKind.Unknown;
        }

        // Anything that opens like markup is refused; whether it is SVG only sharpens the message.
        var lower = Encoding.ASCII.GetString(text[start..]).ToLowerInvariant();
        return lower.Contains("<svg", StringComparison.Ordinal) ? PaperKind.Svg : PaperKind.Html;
    }
}
