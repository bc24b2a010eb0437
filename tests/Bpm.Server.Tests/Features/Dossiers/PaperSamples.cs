using System.Net.Http.Headers;

namespace Bpm.Server.Tests.Features.Dossiers;

/// <summary>Files as the paper store checks them, for the upload suites.</summary>
internal static class PaperSamples
{
    public static ByteArrayContent Raw(byte[] content, string type) => new(content) { Headers = { ContentType = new MediaTypeHeaderValue(type) } };

    /// <summary>A PDF as the store checks one: the signature at offset 0 and <c>%%EOF</c> at its end, padded to <paramref name="size"/> bytes.</summary>
    public static byte[] Pdf(int size)
    {
        var head = "%PDF-1.4\n"u8.ToArray();
        var tail = "\n%%EOF\n"u8.ToArray();
        var pdf = new byte[size];
        Array.Fill(pdf, (byte)' ');
        head.CopyTo(pdf, 0);
        tail.CopyTo(pdf, size - tail.Length);
        return pdf;
    }

    /// <summary>The papers the server's file store holds now, under its data folder.</summary>
    public static int StoredFileCount(string dataPath)
    {
        var folder = Path.Combine(dataPath, "papers");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "content", SearchOption.AllDirectories).Count() : 0;
    }

    public static byte[] Png() => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];
}
