using System.Buffers.Binary;
using System.Text;

namespace Rathaus.Concerns.Uploads;

/// <summary>
/// Removes metadata from a PNG (ISO 15948 / W3C PNG, chapter 5): keeps the critical chunks and the ancillary chunks that
/// change how the image looks (transparency, gamma, colour space, pixel size); drops text (tEXt, zTXt, iTXt), Exif
/// (eXIf), the timestamp (tIME), animation chunks (the first frame remains) and every unknown chunk.
/// </summary>
internal static class PngFile
{
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly HashSet<string> Kept =
        ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "pHYs", "sBIT"];

    /// <returns>The cleaned file, or null if it is truncated, has a wrong checksum or an unknown critical chunk.</returns>
    public static byte[]? StripMetadata(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature))
        {
            return null;
        }

        using var output = new MemoryStream(png.Length);
        output.Write(Signature);
        var pos = Signature.Length;
        var sawData = false;
        while (pos + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            if (length > int.MaxValue || length > (uint)(png.Length - pos - 12))
            {
                return null;
            }

            var chunk = png.Slice(pos, (int)length + 12);
            var type = chunk.Slice(4, 4);
            var first = pos == Signature.Length;
            pos += chunk.Length;
            if (!IsChunkType(type) || first != type.SequenceEqual("IHDR"u8))
            {
                return null;
            }

            var name = Encoding.ASCII.GetString(type);
            if (!Kept.Contains(name))
            {
                // Bit 5 of the first letter (lower case) marks an ancillary chunk a decoder may skip; an unknown
                // critical chunk means we cannot know what the image is.
                if ((type[0] & 0x20) == 0)
                {
                    return null;
                }

                continue;
            }

            var crc = BinaryPrimitives.ReadUInt32BigEndian(chunk[^4..]);
            if (crc != Crc32.Compute(chunk[4..^4]))
            {
                return null;
            }

            output.Write(chunk);
            sawData |= name == "IDAT";
            if (name == "IEND")
            {
                // Bytes after IEND are not part of the image; drop them.
                return sawData ? output.ToArray() : null;
            }
        }

        return null;
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }
}
