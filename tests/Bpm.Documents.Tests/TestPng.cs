using System.Buffers.Binary;
using System.IO.Compression;

namespace Bpm.Documents.Tests;

/// <summary>
/// Just enough of a PNG reader to turn QRCoder's output back into pixels for a QR decoder:
/// grayscale or palette, 1 or 8 bits, filter 0 or 1-4. Tests only; fails loudly on anything else.
/// </summary>
internal static class TestPng
{
    public static (int Width, int Height, byte[] Luminance) Decode(byte[] png)
    {
        int width = 0, height = 0, depth = 0, colour = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    (width, height, depth, colour) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]), data[8], data[9]);
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        if (colour is not (0 or 3) || depth is not (1 or 8))
            throw new NotSupportedException($"PNG colour type {colour}, depth {depth}");
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = (width * depth + 7) / 8;
        var previous = new byte[stride];
        var luminance = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            var line = bytes.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            Unfilter(filter, line, previous, Math.Max(1, depth / 8));
            for (var x = 0; x < width; x++)
            {
                var sample = depth == 8 ? line[x] : (line[x / 8] >> (7 - x % 8)) & 1;
                luminance[y * width + x] = colour == 3 ? palette[sample * 3 + 1] : (byte)(depth == 1 ? sample * 255 : sample);
            }

            previous = line;
        }

        return (width, height, luminance);
    }

    private static void Unfilter(byte filter, byte[] line, byte[] previous, int bpp)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int a = i >= bpp ? line[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
            line[i] = (byte)(line[i] + filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => Paeth(a, b, c),
                _ => throw new NotSupportedException($"PNG filter {filter}"),
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
