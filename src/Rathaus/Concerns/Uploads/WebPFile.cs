using System.Buffers.Binary;
using System.Text;

namespace Rathaus.Concerns.Uploads;

/// <summary>
/// Removes metadata from a WebP (RIFF container, Google's "WebP Container Specification"): drops the EXIF and XMP chunks
/// and unknown chunks, clears their flags in the VP8X header and writes the new RIFF size. The image chunks are copied
/// unchanged; animations (ANIM/ANMF) and the ICC profile stay.
/// </summary>
internal static class WebPFile
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    private static readonly HashSet<string> Kept = ["VP8X", "ICCP", "ANIM", "ANMF", "ALPH", "VP8 ", "VP8L"];

    public static bool HasSignature(ReadOnlySpan<byte> content) =>
        content.Length >= 12 && content.StartsWith("RIFF"u8) && content.Slice(8, 4).SequenceEqual("WEBP"u8);

    /// <returns>The cleaned file, or null if it is truncated or holds no image.</returns>
    public static byte[]? StripMetadata(ReadOnlySpan<byte> webp)
    {
        if (!HasSignature(webp))
        {
            return null;
        }

        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(webp[4..]);
        if (riffSize < 4 || riffSize > (uint)(webp.Length - 8))
        {
            return null;
        }

        // Bytes after the RIFF chunk are not part of the image; drop them.
        var end = 8 + (int)riffSize;
        using var output = new MemoryStream(end);
        output.Write(webp[..12]);
        var pos = 12;
        var sawImage = false;
        var extended = false;
        while (pos < end)
        {
            if (pos + 8 > end)
            {
                return null;
            }

            var fourCc = Encoding.ASCII.GetString(webp.Slice(pos, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp[(pos + 4)..]);
            if (size > (uint)(end - pos - 8))
            {
                return null;
            }

            var payload = webp.Slice(pos + 8, (int)size);
            var first = pos == 12;
            // Chunks are padded to an even size; a missing pad byte at the very end is tolerated.
            pos = Math.Min(end, pos + 8 + (int)size + (int)(size & 1));
            if (first)
            {
                if (fourCc is not ("VP8X" or "VP8 " or "VP8L"))
                {
                    return null;
                }

                extended = fourCc == "VP8X";
            }
            else if (!extended || !Kept.Contains(fourCc))
            {
                // The simple format has exactly one image chunk; anything else (EXIF, XMP, unknown) goes.
                continue;
            }

            if (!IsValid(fourCc, payload))
            {
                return null;
            }

            sawImage |= fourCc is "VP8 " or "VP8L" or "ANMF";
            WriteChunk(output, fourCc, payload);
        }

        if (!sawImage)
        {
            return null;
        }

        var cleaned = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(cleaned.AsSpan(4), (uint)(cleaned.Length - 8));
        return cleaned;
    }

    private static bool IsValid(string fourCc, ReadOnlySpan<byte> payload) => fourCc switch
    {
        "VP8X" => payload.Length >= 10,
        // A key frame: 3-byte frame tag, then the start code 9D 01 2A (RFC 6386, 9.1).
        "VP8 " => payload.Length >= 10 && payload.Slice(3, 3).SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]),
        "VP8L" => payload.Length >= 5 && payload[0] == 0x2F,
        _ => true,
    };

    private static void WriteChunk(MemoryStream output, string fourCc, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[8];
        Encoding.ASCII.GetBytes(fourCc, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)payload.Length);
        output.Write(header);
        if (fourCc == "VP8X")
        {
            var flags = payload.ToArray();
            flags[0] &= unchecked((byte)~(ExifFlag | XmpFlag));
            output.Write(flags);
        }
        else
        {
            output.Write(payload);
        }

        if ((payload.Length & 1) == 1)
        {
            output.WriteByte(0);
        }
    }
}
