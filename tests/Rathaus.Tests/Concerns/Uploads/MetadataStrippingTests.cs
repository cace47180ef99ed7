using System.Buffers.Binary;
using Rathaus.Concerns.Uploads;
using static Rathaus.Tests.Concerns.Uploads.SampleFiles;
using static Rathaus.Tests.Concerns.Uploads.UploadInspectorTests;

namespace Rathaus.Tests.Concerns.Uploads;

/// <summary>Location and other metadata never reach the database; the picture itself stays exactly as it was.</summary>
public sealed class MetadataStrippingTests
{
    private const string Damaged = "Die Datei „{0}“ ist beschädigt oder unvollständig.";

    [Fact]
    public void A_JPEG_loses_Exif_XMP_IPTC_and_comments_but_keeps_colour_profile_and_image_data()
    {
        var stored = Accept("foto.jpg", Jpeg([.. Jfif, .. Metadata, .. IccProfile])).Content;

        Assert.False(Contains(stored, "Exif"));
        Assert.False(Contains(stored, "GPS"));
        Assert.False(Contains(stored, "Photoshop"));
        Assert.False(Contains(stored, "Musterstadt"));
        Assert.Equal(Jpeg([.. Jfif, .. IccProfile]), stored);
    }

    [Fact]
    public void A_camera_JPEG_without_JFIF_header_keeps_its_scan_bytes_with_stuffing_and_restart_markers()
    {
        // 0xFF 0x00 (a stuffed data byte) and 0xFF 0xD0 (restart marker) belong to the scan and must not end it.
        byte[] scan = [.. Scan, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD1, 0x78];

        var stored = Accept("kamera.jpg", Jpeg(Segment(0xE1, Exif), scan)).Content;

        Assert.Equal(Jpeg([], scan), stored);
    }

    [Fact]
    public void A_progressive_JPEG_keeps_all_its_scans_and_the_tables_between_them_but_not_a_comment()
    {
        byte[] scans = [.. Scan, .. HuffmanTables, .. Scan];
        byte[] withComment = [.. Scan, .. Segment(0xFE, "Musterstadt"u8.ToArray()), .. HuffmanTables, .. Scan];

        Assert.Equal(Jpeg(Jfif, scans), Accept("progressiv.jpg", Jpeg(Jfif, withComment)).Content);
    }

    [Fact]
    public void A_second_image_a_phone_appends_after_the_JPEG_is_removed_with_its_Exif()
    {
        byte[] withPreview = [.. Jpeg(Jfif), .. Jpeg([.. Jfif, .. Segment(0xE1, Exif)])];

        var stored = Accept("handy.jpg", withPreview).Content;

        Assert.Equal(Jpeg(Jfif), stored);
    }

    [Fact]
    public void A_truncated_JPEG_is_refused()
    {
        var jpeg = Jpeg([.. Jfif, .. Metadata]);

        AssertRefused(Damaged, "ohne-ende.jpg", jpeg[..^2]);
        AssertRefused(Damaged, "halb.jpg", jpeg[..(jpeg.Length / 2)]);
        AssertRefused(Damaged, "nur-kopf.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8]);
    }

    [Fact]
    public void A_JPEG_without_image_data_is_refused() =>
        AssertRefused(Damaged, "leer.jpg", [0xFF, 0xD8, .. Jfif, .. Segment(0xE1, Exif), 0xFF, 0xD9]);

    [Fact]
    public void A_PNG_loses_text_Exif_and_time_but_keeps_gamma_and_pixel_data_byte_for_byte()
    {
        var gamma = Chunk("gAMA", [0, 0, 0xB1, 0x8F]);
        var png = Png(
            PngHeader,
            gamma,
            Chunk("tEXt", "Comment\0Aufgenommen in Musterstadt"u8.ToArray()),
            Chunk("eXIf", Exif[6..]),
            Chunk("iTXt", [.. "XML:com.adobe.xmp\0\0\0\0\0"u8, .. Xmp]),
            Chunk("tIME", [0x07, 0xEA, 5, 3, 12, 0, 0]),
            Chunk("prVt", "Kamera-Seriennummer 4711"u8.ToArray()),
            PngPixels,
            PngEnd);

        var stored = Accept("bild.png", png).Content;

        Assert.False(Contains(stored, "Comment"));
        Assert.False(Contains(stored, "GPS"));
        Assert.False(Contains(stored, "tIME"));
        Assert.False(Contains(stored, "Seriennummer"));
        Assert.Equal(Png(PngHeader, gamma, PngPixels, PngEnd), stored);
    }

    [Fact]
    public void Bytes_after_the_end_of_a_PNG_are_dropped()
    {
        var stored = Accept("bild.png", [.. Png(PngHeader, PngPixels, PngEnd), .. "GPS 52.5 13.4"u8]).Content;

        Assert.Equal(Png(PngHeader, PngPixels, PngEnd), stored);
    }

    [Fact]
    public void The_PNG_checksum_is_the_standard_CRC_32() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void A_PNG_with_a_wrong_checksum_is_refused()
    {
        var pixels = PngPixels;
        pixels[^1] ^= 0xFF;

        AssertRefused(Damaged, "kaputt.png", Png(PngHeader, pixels, PngEnd));
    }

    [Fact]
    public void A_truncated_PNG_is_refused()
    {
        var png = Png(PngHeader, PngPixels, PngEnd);

        AssertRefused(Damaged, "ohne-ende.png", png[..^12]);
        AssertRefused(Damaged, "halb.png", png[..(png.Length - 16)]);
        AssertRefused(Damaged, "ohne-bild.png", Png(PngHeader, PngEnd));
        AssertRefused(Damaged, "ohne-kopf.png", Png(PngPixels, PngEnd));
    }

    [Fact]
    public void A_PNG_with_an_unknown_critical_chunk_is_refused() =>
        AssertRefused(Damaged, "apple.png", Png(PngHeader, Chunk("CgBI", [0x50, 0, 0x20, 2]), PngPixels, PngEnd));

    [Fact]
    public void A_WebP_loses_its_EXIF_and_XMP_chunks_and_their_flags()
    {
        const byte iccExifXmp = 0x20 | 0x08 | 0x04;
        var profile = RiffChunk("ICCP", "sRGB colour profile"u8.ToArray());
        var image = RiffChunk("VP8L", LosslessImage);
        var webp = WebP(ExtendedHeader(iccExifXmp), profile, image, RiffChunk("EXIF", Exif[6..]), RiffChunk("XMP ", Xmp));

        var stored = Accept("bild.webp", webp).Content;

        Assert.False(Contains(stored, "EXIF"));
        Assert.False(Contains(stored, "GPS"));
        Assert.Equal(WebP(ExtendedHeader(0x20), profile, image), stored);
        Assert.Equal((uint)stored.Length - 8, BinaryPrimitives.ReadUInt32LittleEndian(stored.AsSpan(4)));
    }

    [Fact]
    public void A_simple_WebP_is_stored_unchanged()
    {
        Assert.Equal(SimpleWebP, Accept("bild.webp", SimpleWebP).Content);
    }

    [Fact]
    public void A_truncated_WebP_is_refused()
    {
        var webp = WebP(ExtendedHeader(0), RiffChunk("VP8L", LosslessImage));

        AssertRefused(Damaged, "halb.webp", webp[..^6]);
        AssertRefused(Damaged, "ohne-bild.webp", WebP(ExtendedHeader(0x08), RiffChunk("EXIF", Exif[6..])));
    }

    [Fact]
    public void A_PDF_is_stored_unchanged()
    {
        var pdf = Pdf("/Info << /Author (Anna Muster) >> ");

        Assert.Equal(pdf, Accept("antrag.pdf", pdf).Content);
    }
}
