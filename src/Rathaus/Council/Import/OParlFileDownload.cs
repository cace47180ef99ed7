using Microsoft.Extensions.Options;

namespace Rathaus.Council.Import;

/// <summary>Fetches the content of an imported file, no larger than the council's file limit.</summary>
internal sealed class OParlFileDownload(HttpClient http, IOptions<CouncilOptions> options)
{
    public static readonly string ChecksumMismatch = Texts.Key("Die Prüfsumme der Datei {0} stimmt nicht.");
    public static readonly string Unreachable = Texts.Key("Die Datei {0} konnte nicht geladen werden.");
    public static readonly string TooLarge = Texts.Key("Die Datei {0} ist größer als erlaubt.");

    public async Task<byte[]> GetAsync(string url, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            throw new MalformedObjectException(Unreachable, url);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new MalformedObjectException(Unreachable, url);
            }

            var limit = options.Value.MaxFileBytes;
            if (response.Content.Headers.ContentLength > limit)
            {
                throw new MalformedObjectException(TooLarge, url);
            }

            // The declared length may lie: read at most one byte more than allowed.
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > limit)
                {
                    throw new MalformedObjectException(TooLarge, url);
                }
            }

            return buffer.ToArray();
        }
    }
}
