using System.Buffers.Binary;
using System.Text;

namespace Rathaus.Tests.Mail.Inbound;

/// <summary>
/// Writes a winmail.dat as Outlook does (MS-OXTNEF): the signature, then attributes, each with level, id, length, data
/// and a checksum. MimeKit only reads TNEF, so the tests compose it byte by byte.
/// </summary>
internal sealed class Winmail
{
    private const byte MessageLevel = 1;
    private const byte AttachmentLevel = 2;
    private readonly MemoryStream _bytes = new();

    public Winmail()
    {
        Span<byte> head = stackalloc byte[6];
        BinaryPrimitives.WriteUInt32LittleEndian(head, 0x223E9F78);
        BinaryPrimitives.WriteUInt16LittleEndian(head[4..], 0x0001); // attachment key, any value
        _bytes.Write(head);
        Attribute(MessageLevel, 0x00089006, Dword(0x00010000)); // attTnefVersion
        Attribute(MessageLevel, 0x00069007, [.. Dword(1252), .. Dword(0)]); // attOemCodepage
        Attribute(MessageLevel, 0x00078008, Ansi("IPM.Microsoft Mail.Note")); // attMessageClass
    }

    /// <summary>attBody: the plain text of the message as Outlook also puts it into the TNEF.</summary>
    public Winmail Body(string text)
    {
        Attribute(MessageLevel, 0x0002800C, Ansi(text));
        return this;
    }

    /// <summary>A file attachment: render data starts it, then title (the 8.3-era name) and data.</summary>
    public Winmail File(string name, byte[] content)
    {
        byte[] render = new byte[14];
        BinaryPrimitives.WriteUInt16LittleEndian(render, 1); // ATTACH_BY_VALUE
        BinaryPrimitives.WriteUInt32LittleEndian(render.AsSpan(2), 0xFFFFFFFF); // no position in the body
        Attribute(AttachmentLevel, 0x00069002, render); // attAttachRenderData
        Attribute(AttachmentLevel, 0x00018010, Ansi(name)); // attAttachTitle
        Attribute(AttachmentLevel, 0x0006800F, content); // attAttachData
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private void Attribute(byte level, uint id, byte[] data)
    {
        Span<byte> head = stackalloc byte[9];
        head[0] = level;
        BinaryPrimitives.WriteUInt32LittleEndian(head[1..], id);
        BinaryPrimitives.WriteUInt32LittleEndian(head[5..], (uint)data.Length);
        _bytes.Write(head);
        _bytes.Write(data);
        ushort checksum = 0;
        foreach (var b in data)
        {
            checksum += b;
        }

        Span<byte> sum = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(sum, checksum);
        _bytes.Write(sum);
    }

    private static byte[] Dword(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Ansi(string text) => [.. Encoding.Latin1.GetBytes(text), 0];
}
