using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Rathaus.Concerns.Uploads;

namespace Rathaus.Tests.Concerns.Uploads;

/// <summary>Small but real files, built byte by byte, with the metadata a phone would write into them.</summary>
internal static class SampleFiles
{
    public const string Location = "GPSLatitude 52.5163 N GPSLongitude 13.3777 E";

    // Exif: "Exif\0\0", then a TIFF header (big-endian, first IFD at 8) and the text a GPS IFD would hold.
    public static readonly byte[] Exif = [.. "Exif\0\0MM\0*\0\0\0\u0008"u8, .. Encoding.ASCII.GetBytes(Location)];
    public static readonly byte[] Xmp = Encoding.ASCII.GetBytes(
        "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>52,31.0N</exif:GPSLatitude></x:xmpmeta>");

    // ---- JPEG: a 1×1 grey baseline image (T.81): every coefficient 0, so one 1-bit Huffman code each for DC and AC.

    public static readonly byte[] Jfif = Segment(0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    public static readonly byte[] IccProfile = Segment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 1, .. "sRGB colour profile"u8]);
    public static readonly byte[] Quantization = Segment(0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);
    public static readonly byte[] Frame = Segment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]);
    public static readonly byte[] HuffmanTables =
    [
        .. Segment(0xC4, [0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]),
        .. Segment(0xC4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]),
    ];

    // DC difference 0 ("0"), end of block ("0"), padded with 1-bits.
    public static readonly byte[] Scan = [.. Segment(0xDA, [1, 1, 0x00, 0, 63, 0]), 0x3F];

    public static byte[] Metadata =>
    [
        .. Segment(0xE1, Exif),
        .. Segment(0xE1, Xmp),
        .. Segment(0xED, [.. "Photoshop 3.0\0"u8, .. "8BIM"u8, 0x04, 0x04, .. "Musterstadt"u8]),
        .. Segment(0xFE, "Aufgenommen in Musterstadt"u8.ToArray()),
    ];

    public static byte[] Jpeg(byte[] beforeFrame, byte[]? scan = null) =>
        [0xFF, 0xD8, .. beforeFrame, .. Quantization, .. Frame, .. HuffmanTables, .. scan ?? Scan, 0xFF, 0xD9];

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var length = (ushort)(payload.Length + 2);
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    // ---- PNG: a 1×1 grey image (8-bit greyscale), the pixel data deflated for real.

    public static byte[] PngHeader => Chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);

    public static byte[] PngPixels => Chunk("IDAT", Deflate([0x00, 0x80]));

    public static byte[] PngEnd => Chunk("IEND", []);

    public static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Png(params byte[][] chunks) => [.. PngSignature, .. chunks.SelectMany(c => c)];

    public static byte[] Chunk(string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[data.Length + 12];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(chunk.Length - 4), Crc32.Compute(typeAndData));
        return chunk;
    }

    /// <summary>A valid grey image of 8×1 pixels whose pixels are random: every call gives a file with its own hash.</summary>
    public static byte[] UniquePng() => Png(
        Chunk("IHDR", [0, 0, 0, 8, 0, 0, 0, 1, 8, 0, 0, 0, 0]),
        Chunk("IDAT", Deflate([0x00, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)])),
        PngEnd);

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    // ---- WebP: the 1×1 lossless image Modernizr uses for feature detection, in the extended format.

    public static readonly byte[] SimpleWebP = Convert.FromBase64String("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    // The VP8L payload: 13 bytes after the 12-byte file header and the 8-byte chunk header (then one pad byte).
    public static readonly byte[] LosslessImage = SimpleWebP[20..33];

    public static byte[] ExtendedHeader(byte flags) => RiffChunk("VP8X", [flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    public static byte[] WebP(params byte[][] chunks)
    {
        byte[] body = [.. "WEBP"u8, .. chunks.SelectMany(c => c)];
        var header = new byte[8];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)body.Length);
        return [.. header, .. body];
    }

    public static byte[] RiffChunk(string fourCc, byte[] payload)
    {
        var header = new byte[8];
        Encoding.ASCII.GetBytes(fourCc).CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)payload.Length);
        return payload.Length % 2 == 0 ? [.. header, .. payload] : [.. header, .. payload, 0];
    }

    // ---- PDF: one empty page; the catalog may carry extra entries.

    public static byte[] Pdf(string catalogExtra = "", string extraObjects = "") => Encoding.Latin1.GetBytes(
        "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n" +
        $"1 0 obj\n<< /Type /Catalog /Pages 2 0 R {catalogExtra}>>\nendobj\n" +
        "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
        "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n" +
        extraObjects +
        "trailer\n<< /Root 1 0 R >>\nstartxref\n0\n%%EOF\n");

    public static string Stream(int number, string dictionary, byte[] data) =>
        $"{number} 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n{Encoding.Latin1.GetString(data)}\nendstream\nendobj\n";

    public static byte[] Compressed(string text) => Deflate(Encoding.ASCII.GetBytes(text));

    public static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.ASCII.GetBytes(needle)) >= 0;
}
