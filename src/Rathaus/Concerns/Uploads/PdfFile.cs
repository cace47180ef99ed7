using System.IO.Compression;
using System.Text;

namespace Rathaus.Concerns.Uploads;

internal enum PdfVerdict
{
    Clean,
    Damaged,
    ActiveContent,
}

/// <summary>
/// A cheap safety net for PDFs, which are stored unchanged (their metadata is NOT removed; PDFs are shown to staff only):
/// refuses a file that names JavaScript, a launch action or an embedded file (ISO 32000-1, 12.6.4 and 7.11.4).
/// Names are read as PDF names (with #xx escapes decoded) outside stream data, and inside compressed object streams,
/// where PDF 1.5+ writers put most dictionaries. It is no PDF parser: encrypted object streams and exotic filters go unseen.
/// </summary>
internal static class PdfFile
{
    // Object streams of a 10 MB file stay far below this; more means a decompression bomb.
    private const int MaxInflatedBytes = 64 * 1024 * 1024;

    private static readonly HashSet<string> ActiveNames = ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles"];

    public static bool HasSignature(ReadOnlySpan<byte> content) => content.StartsWith("%PDF-"u8);

    public static PdfVerdict Check(byte[] pdf)
    {
        // A complete PDF ends with %%EOF (ISO 32000-1, 7.5.5); writers may add a line break or a little padding.
        var tail = pdf.AsSpan(Math.Max(0, pdf.Length - 1024));
        if (!HasSignature(pdf) || tail.IndexOf("%%EOF"u8) < 0)
        {
            return PdfVerdict.Damaged;
        }

        var inflated = 0;
        var pos = 0;
        while (pos < pdf.Length)
        {
            var streamStart = NextStreamKeyword(pdf, pos);
            var outside = pdf.AsSpan(pos, (streamStart < 0 ? pdf.Length : streamStart) - pos);
            var names = Names(outside);
            if (names.Overlaps(ActiveNames))
            {
                return PdfVerdict.ActiveContent;
            }

            if (streamStart < 0)
            {
                return PdfVerdict.Clean;
            }

            var dataStart = streamStart + "stream".Length + (pdf[streamStart + 6] == '\r' ? 2 : 1);
            var dataEnd = pdf.AsSpan(dataStart).IndexOf("endstream"u8);
            if (dataEnd < 0)
            {
                return PdfVerdict.Damaged;
            }

            dataEnd += dataStart;
            if (IsCompressedObjectStream(outside))
            {
                var objects = Inflate(pdf.AsSpan(dataStart, dataEnd - dataStart), MaxInflatedBytes - inflated);
                if (objects is null)
                {
                    return PdfVerdict.Damaged;
                }

                inflated += objects.Length;
                if (Names(objects).Overlaps(ActiveNames))
                {
                    return PdfVerdict.ActiveContent;
                }
            }

            pos = dataEnd + "endstream".Length;
        }

        return PdfVerdict.Clean;
    }

    /// <summary>The next "stream" keyword that starts stream data: after a dictionary ("&gt;&gt;") and before an end of line.</summary>
    private static int NextStreamKeyword(byte[] pdf, int from)
    {
        var pos = from;
        while (true)
        {
            var found = pdf.AsSpan(pos).IndexOf("stream"u8);
            if (found < 0)
            {
                return -1;
            }

            var at = pos + found;
            var after = at + 6 < pdf.Length ? pdf[at + 6] : (byte)0;
            var before = pdf.AsSpan(from, at - from).TrimEnd(" \t\r\n\f\0"u8);
            if (after is (byte)'\r' or (byte)'\n' && before.EndsWith(">>"u8))
            {
                return at;
            }

            pos = at + 6;
        }
    }

    // The dictionary of the stream is the text after the last "obj" keyword.
    private static bool IsCompressedObjectStream(ReadOnlySpan<byte> beforeStream)
    {
        var obj = beforeStream.LastIndexOf("obj"u8);
        var dictionary = Names(obj < 0 ? beforeStream : beforeStream[obj..]);
        return dictionary.Contains("ObjStm") && dictionary.Contains("FlateDecode");
    }

    /// <returns>The inflated bytes, or null if they exceed the limit.</returns>
    private static byte[]? Inflate(ReadOnlySpan<byte> data, int limit)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > limit)
                {
                    return null;
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            // Encrypted object streams do not inflate; the net cannot look into them (see above).
            return [];
        }
    }

    /// <summary>Every PDF name ("/Name") in the text, with #xx escapes decoded (ISO 32000-1, 7.3.5).</summary>
    private static HashSet<string> Names(ReadOnlySpan<byte> text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var name = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '/')
            {
                continue;
            }

            name.Clear();
            var j = i + 1;
            for (; j < text.Length && IsRegular(text[j]); j++)
            {
                if (text[j] == '#' && j + 2 < text.Length && IsHex(text[j + 1]) && IsHex(text[j + 2]))
                {
                    name.Append((char)Convert.ToByte(Encoding.ASCII.GetString(text.Slice(j + 1, 2)), 16));
                    j += 2;
                }
                else
                {
                    name.Append((char)text[j]);
                }
            }

            names.Add(name.ToString());
            i = j - 1;
        }

        return names;
    }

    private static bool IsRegular(byte b) => b > 0x20 && b < 0x7F && "()<>[]{}/%"u8.IndexOf(b) < 0;

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);
}
