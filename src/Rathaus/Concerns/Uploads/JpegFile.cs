using System.Buffers.Binary;

namespace Rathaus.Concerns.Uploads;

/// <summary>
/// Removes metadata from a JPEG by walking its marker segments (ITU T.81, B.1): Exif and XMP (APP1), Photoshop/IPTC
/// (APP13), comments and every other application segment go; JFIF (APP0), the ICC colour profile (APP2) and Adobe's
/// colour transform (APP14) stay; the compressed scan data is copied unchanged. Anything after the end-of-image marker
/// is cut off — phones append further images there (MPF previews, Samsung trailers) with their own Exif.
/// Dropping Exif also drops the Orientation tag: a photo taken sideways may show sideways. That is accepted;
/// staff can rotate it when viewing, and a partial Exif rewrite is exactly where location data slips through.
/// </summary>
internal static class JpegFile
{
    private const byte Sos = 0xDA;
    private const byte Eoi = 0xD9;

    /// <returns>The cleaned file, or null if it is not a complete, well-formed JPEG.</returns>
    public static byte[]? StripMetadata(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg is not [0xFF, 0xD8, ..])
        {
            return null;
        }

        using var output = new MemoryStream(jpeg.Length);
        output.Write([0xFF, 0xD8]);
        var pos = 2;
        var sawFrame = false;
        var sawScan = false;
        while (true)
        {
            if (pos >= jpeg.Length || jpeg[pos] != 0xFF)
            {
                return null;
            }

            // Any number of 0xFF fill bytes may precede a marker.
            while (pos < jpeg.Length && jpeg[pos] == 0xFF)
            {
                pos++;
            }

            if (pos >= jpeg.Length)
            {
                return null;
            }

            var marker = jpeg[pos++];
            if (marker == Eoi)
            {
                if (!sawScan)
                {
                    return null;
                }

                output.Write([0xFF, Eoi]);
                return output.ToArray();
            }

            if (marker is 0x00 or 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7) || pos + 2 > jpeg.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[pos..]);
            if (length < 2 || pos + length > jpeg.Length)
            {
                return null;
            }

            var segment = jpeg.Slice(pos - 2, length + 2);
            var payload = jpeg.Slice(pos + 2, length - 2);
            pos += length;
            sawFrame |= IsFrameHeader(marker);
            if (marker == Sos)
            {
                var scanEnd = sawFrame ? EndOfScan(jpeg, pos) : -1;
                if (scanEnd < 0)
                {
                    return null;
                }

                output.Write([0xFF, Sos]);
                output.Write(segment[2..]);
                output.Write(jpeg[pos..scanEnd]);
                pos = scanEnd;
                sawScan = true;
            }
            else if (Keeps(marker, payload))
            {
                output.Write([0xFF, marker]);
                output.Write(segment[2..]);
            }
        }
    }

    // SOF0–SOF15 without DHT (C4), JPG (C8) and DAC (CC).
    private static bool IsFrameHeader(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private static bool Keeps(byte marker, ReadOnlySpan<byte> payload) => marker switch
    {
        0xE0 => payload.StartsWith("JFIF\0"u8),
        0xE2 => payload.StartsWith("ICC_PROFILE\0"u8),
        0xEE => payload.StartsWith("Adobe"u8),
        >= 0xE0 and <= 0xEF => false,
        0xFE => false,
        _ => true,
    };

    /// <summary>
    /// The index of the marker that ends the entropy-coded data starting at <paramref name="pos"/>, or -1 if the file
    /// ends first. Inside the data 0xFF is followed by 0x00 (stuffing), a restart marker or more fill bytes.
    /// </summary>
    private static int EndOfScan(ReadOnlySpan<byte> jpeg, int pos)
    {
        for (var i = pos; i + 1 < jpeg.Length; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is not (0x00 or 0xFF or (>= 0xD0 and <= 0xD7)))
            {
                return i;
            }
        }

        return -1;
    }
}
