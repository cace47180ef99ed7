using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rathaus.Concerns.Intake;
using Rathaus.Concerns.Model;
using Rathaus.Concerns.Places;
using Rathaus.Concerns.Submit;
using Rathaus.Concerns.Uploads;
using Rathaus.Data;
using Rathaus.Open311.Attributes;
using Rathaus.Open311.Clients;

namespace Rathaus.Open311.Api;

/// <summary>
/// POST requests.{format}: an app submits a report. GeoReport v2 sends it form-encoded
/// ("Content-Type: application/x-www-form-urlencoded"); as a documented extension, multipart/form-data may carry up to
/// five photos in fields named <c>media</c>, checked like web uploads. Every problem is answered in one error list; a
/// report is stored completely or not at all.
/// </summary>
internal static partial class SubmitEndpoint
{
    public const long UploadLimit = UploadInspector.MaxFiles * UploadInspector.MaxBytes + 1024 * 1024;
    private const int MaxDescription = 4000; // GeoReport v2: "free form text limited to 4,000 characters"

    [GeneratedRegex(@"^attribute\[([^\[\]]{1,50})\](\[\])?$")]
    private static partial Regex AttributeField();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()/.\-]{3,48}$")]
    private static partial Regex Phone();

    public static async Task<IResult> SubmitAsync(
        string format,
        HttpContext http,
        RathausDb db,
        ApiKeys keys,
        CityArea city,
        ConcernIntake intake,
        IConfiguration configuration,
        IOptions<Open311Options> options,
        IStringLocalizer<SharedResource> t,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var fmt = Open311Response.ParseFormat(format);
        if (fmt is not Open311Format f)
        {
            return ReadEndpoints.NotFoundFormat(t);
        }

        var logger = loggers.CreateLogger("Rathaus.Open311");
        if (!http.Request.HasFormContentType)
        {
            return Open311Response.Error(f, 400, "Content-Type", t["Bitte senden Sie die Felder als application/x-www-form-urlencoded (mit Fotos als multipart/form-data)."]);
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or FormatException)
        {
            logger.LogInformation("Open311 POST with an unreadable body: {Reason}", e.Message);
            return Open311Response.Error(f, 400, "body", t["Der Inhalt der Anfrage ist beschädigt oder zu groß und konnte nicht gelesen werden."]);
        }

        var client = await ApiKeys.FindAsync(db, form["api_key"].ToString(), ct);
        if (client is null)
        {
            // GeoReport v2: "403 - Missing or Invalid API Key".
            return Open311Response.Error(f, 403, "api_key", t["Der API-Schlüssel fehlt, ist falsch oder wurde widerrufen."]);
        }

        if (!keys.TryAcquire(client))
        {
            return Open311Response.Error(f, 429, "api_key", t["Zu viele Anfragen: Ihre App darf {0} Anfragen pro Minute senden.", client.RequestsPerMinute]);
        }

        if (Value(form, "jurisdiction_id") is { } jurisdiction && jurisdiction != options.Value.JurisdictionId)
        {
            return Open311Response.Error(f, 404, "jurisdiction_id", t["Die Zuständigkeit „{0}“ gibt es hier nicht. Diese Schnittstelle bedient {1}.", jurisdiction, options.Value.JurisdictionId]);
        }

        var errors = new List<Open311Error>();
        foreach (var key in form.Keys)
        {
            if (Open311Response.HasControlCharacters(key) || form[key].Any(v => v is not null && Open311Response.HasControlCharacters(v)))
            {
                // NUL and other control characters have no place in a report, and PostgreSQL cannot even store NUL.
                errors.Add(new(Field(key), t["Der Text enthält unzulässige Steuerzeichen."]));
            }
            else if (form[key].Any(v => v is not null && v.Contains('\uFFFD')))
            {
                // Text that was not UTF-8 arrives with replacement characters: refuse it rather than store it garbled.
                errors.Add(new(Field(key), t["Der Text ist nicht in UTF-8 kodiert."]));
            }
        }

        if (errors.Count > 0)
        {
            return Open311Response.Errors(f, 400, errors);
        }

        var code = Value(form, "service_code");
        var category = code is null || code.Length > 50 ? null : await db.Categories.AsNoTracking()
            .Where(c => c.Code == code && c.IsActive && !db.Categories.Any(child => child.ParentId == c.Id))
            .Select(c => new { c.Id, c.Code })
            .SingleOrDefaultAsync(ct);
        if (code is null)
        {
            errors.Add(new("service_code", t["Bitte geben Sie den Dienst (service_code) an."]));
        }
        else if (category is null)
        {
            // GeoReport v2: "404 - service_code … was not found".
            return Open311Response.Error(f, 404, "service_code", t["Den Dienst „{0}“ gibt es nicht.", code]);
        }

        var (latitude, longitude) = Location(form, city, errors, t);
        var description = Text(form, "description", MaxDescription, errors, t)?.ReplaceLineEndings("\n");
        var addressString = Text(form, "address_string", 500, errors, t);
        var addressId = Text(form, "address_id", 100, errors, t);
        if (latitude is null && addressString is null && addressId is null && !errors.Any(e => e.Field is "lat" or "long"))
        {
            errors.Add(new("lat", t["Bitte geben Sie den Ort an: lat und long, address_string oder address_id."]));
        }

        var email = Text(form, "email", 254, errors, t);
        if (email is not null && !LooksLikeEmail(email))
        {
            errors.Add(new("email", t["Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de."]));
        }

        var phone = Text(form, "phone", 50, errors, t);
        if (phone is not null && !Phone().IsMatch(phone))
        {
            errors.Add(new("phone", t["Bitte geben Sie die Telefonnummer nur mit Ziffern an, zum Beispiel 04131 123456."]));
        }

        var firstName = Text(form, "first_name", 100, errors, t);
        var lastName = Text(form, "last_name", 100, errors, t);
        var deviceId = Text(form, "device_id", 200, errors, t);
        var accountId = Text(form, "account_id", 200, errors, t);
        var mediaUrl = Text(form, "media_url", 2000, errors, t);
        if (mediaUrl is not null && !(Uri.TryCreate(mediaUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add(new("media_url", t["Bitte geben Sie eine vollständige Adresse mit http:// oder https:// an."]));
        }

        var attributes = category is null ? [] : await AttributesAsync(form, category.Id, db, errors, t, ct);
        var files = await MediaAsync(form, errors, t, ct);
        if (errors.Count > 0)
        {
            return Open311Response.Errors(f, 400, errors);
        }

        var name = string.Join(' ', new[] { firstName, lastName }.Where(n => n is not null));
        var token = ApiKeys.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var submission = new ConcernSubmission(
            IdempotencyKey: Guid.NewGuid(),
            Kind: ConcernKind.DefectReport,
            CategoryId: category!.Id,
            Description: description ?? "",
            LocationText: addressString,
            District: latitude is double lat && longitude is double lon ? city.DistrictAt(lat, lon) : null,
            ContactName: name.Length == 0 ? null : name,
            ContactEmail: email,
            ContactPhone: phone,
            Language: Platform.PlatformModule.CurrentLanguage,
            Channel: Channel.Open311,
            Files: files,
            Latitude: latitude,
            Longitude: longitude,
            Attributes: attributes,
            AlsoStore: concern => db.Open311Requests.Add(new Open311Request
            {
                Concern = concern,
                ApiClientId = client.Id,
                Token = token,
                AddressId = addressId,
                MediaUrl = mediaUrl,
                DeviceId = deviceId,
                AccountId = accountId,
            }));
        var submitted = await intake.SubmitAsync(submission, tracking => TrackingLinks.Url(http.Request, configuration, tracking), ct);
        var agency = await db.Concerns.AsNoTracking().Where(c => c.Id == submitted.Id).Select(c => c.OrgUnit!.Name).SingleAsync(ct);
        logger.LogInformation("Concern {ReferenceNumber} received by Open311 from app {Client}", submitted.ReferenceNumber, client.Id);

        // GeoReport v2: service_request_id "should not be returned if token is returned", and the other way round.
        var answer = new Open311Object(
            options.Value.AnswerWithToken ? ("token", token) : ("service_request_id", submitted.ReferenceNumber),
            ("service_notice", t["Ihre Meldung ist eingegangen und liegt bei: {0}.", agency].Value),
            ("account_id", accountId));
        return Open311Response.Ok(f, new Open311List("service_requests", "request", [answer]));
    }

    /// <summary>GeoReport v2: "lat & long both need to be sent"; WGS 84; here they must also lie within the city.</summary>
    private static (double? Latitude, double? Longitude) Location(IFormCollection form, CityArea city, List<Open311Error> errors, IStringLocalizer t)
    {
        var latText = Value(form, "lat");
        var longText = Value(form, "long");
        if (latText is null && longText is null)
        {
            return (null, null);
        }

        if (latText is null || longText is null)
        {
            errors.Add(new(latText is null ? "lat" : "long", t["lat und long gehören zusammen: Bitte senden Sie beide."]));
            return (null, null);
        }

        var latitude = Coordinate(latText, 90, "lat", errors, t);
        var longitude = Coordinate(longText, 180, "long", errors, t);
        if (latitude is double lat && longitude is double lon)
        {
            if (city.Contains(lat, lon))
            {
                return (lat, lon);
            }

            errors.Add(new("lat", t["Der Ort ({0}, {1}) liegt nicht im Stadtgebiet. Meldungen nimmt die Stadt nur für ihr eigenes Gebiet an.", latText, longText]));
        }

        return (null, null);
    }

    private static double? Coordinate(string text, double limit, string field, List<Open311Error> errors, IStringLocalizer t)
    {
        if (text.Length <= 30 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= limit)
        {
            return value;
        }

        errors.Add(new(field, t["Bitte geben Sie eine Dezimalzahl zwischen -{0} und {0} an (WGS 84, Punkt als Dezimaltrennzeichen).", limit]));
        return null;
    }

    /// <summary>
    /// GeoReport v2: attribute[code]=value, and for a multivaluelist attribute[code][]=value1&amp;attribute[code][]=value2.
    /// Checked against the category's attributes: required ones present, numbers numeric, datetimes ISO 8601, list
    /// values among the list's keys; codes the category does not know are refused (a typo would otherwise be lost).
    /// </summary>
    private static async Task<List<SubmittedAttribute>> AttributesAsync(IFormCollection form, int categoryId, RathausDb db, List<Open311Error> errors, IStringLocalizer t, CancellationToken ct)
    {
        var sent = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in form.Keys)
        {
            if (AttributeField().Match(key) is { Success: true } match)
            {
                var values = form[key].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
                if (sent.TryGetValue(match.Groups[1].Value, out var existing))
                {
                    existing.AddRange(values);
                }
                else
                {
                    sent[match.Groups[1].Value] = values;
                }
            }
            else if (key.StartsWith("attribute", StringComparison.Ordinal))
            {
                errors.Add(new(Field(key), t["Antworten auf Fragen haben die Form attribute[code]=Wert oder attribute[code][]=Wert."]));
            }
        }

        var defined = await db.ServiceAttributes.AsNoTracking().Include(a => a.Values).Where(a => a.CategoryId == categoryId).OrderBy(a => a.Order).ToListAsync(ct);
        foreach (var unknown in sent.Keys.Where(k => !defined.Any(a => a.Code == k && a.Variable)))
        {
            errors.Add(new($"attribute[{unknown}]", t["Diese Frage gibt es für den Dienst nicht."]));
        }

        var answers = new List<SubmittedAttribute>();
        foreach (var attribute in defined.Where(a => a.Variable))
        {
            var field = $"attribute[{attribute.Code}]";
            var values = sent.GetValueOrDefault(attribute.Code) ?? [];
            if (values.Count == 0)
            {
                if (attribute.Required)
                {
                    errors.Add(new(field, t["Bitte beantworten Sie die Frage „{0}“.", attribute.Description]));
                }

                continue;
            }

            if (values.Count > 1 && attribute.Datatype != AttributeDatatype.MultiValueList)
            {
                errors.Add(new(field, t["Diese Frage erlaubt nur eine Antwort."]));
                continue;
            }

            foreach (var value in values.Distinct())
            {
                if (Check(attribute, value, t) is { } problem)
                {
                    errors.Add(new(field, problem));
                }
                else
                {
                    answers.Add(new SubmittedAttribute(attribute.Code, attribute.Description, value, attribute.Values.FirstOrDefault(v => v.Key == value)?.Name));
                }
            }
        }

        return answers;
    }

    private static string? Check(ServiceAttribute attribute, string value, IStringLocalizer t) => (attribute.Datatype switch
    {
        _ when value.Length > MaxDescription => t["Die Antwort darf höchstens {0} Zeichen lang sein.", MaxDescription],
        AttributeDatatype.ShortText when value.Length > 500 || value.Contains('\n') || value.Contains('\r') =>
            t["Bitte antworten Sie in einer Zeile mit höchstens 500 Zeichen."],
        AttributeDatatype.Number when !decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) =>
            t["Bitte geben Sie eine Zahl an (Punkt als Dezimaltrennzeichen)."],
        AttributeDatatype.Datetime when !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) =>
            t["Bitte geben Sie Datum und Uhrzeit nach ISO 8601 an, zum Beispiel 2026-11-01T00:00:00+01:00."],
        AttributeDatatype.SingleValueList or AttributeDatatype.MultiValueList when !attribute.Values.Any(v => v.Key == value) =>
            t["„{0}“ ist keine der möglichen Antworten ({1}).", value, string.Join(", ", attribute.Values.OrderBy(v => v.Order).Select(v => v.Key))],
        _ => (LocalizedString?)null,
    })?.Value;

    /// <summary>Extension: photos as multipart fields named media, with the checks of the web form.</summary>
    private static async Task<List<AcceptedFile>> MediaAsync(IFormCollection form, List<Open311Error> errors, IStringLocalizer t, CancellationToken ct)
    {
        foreach (var other in form.Files.Where(f => f.Name != "media").Select(f => f.Name).Distinct())
        {
            errors.Add(new(Field(other), t["Fotos senden Sie im Feld media."]));
        }

        var media = form.Files.GetFiles("media");
        if (media.Count > UploadInspector.MaxFiles)
        {
            errors.Add(new("media", t["Sie können höchstens {0} Dateien anhängen. Sie haben {1} ausgewählt.", UploadInspector.MaxFiles, media.Count]));
            return [];
        }

        var accepted = new List<AcceptedFile>();
        foreach (var file in media)
        {
            var check = await UploadInspector.InspectAsync(file, ct);
            if (check.File is { ContentType: var type } accepted1 && type.StartsWith("image/", StringComparison.Ordinal))
            {
                accepted.Add(accepted1);
            }
            else
            {
                var fileName = check.ErrorArgument ?? UploadFileName.Clean(file.FileName);
                errors.Add(new("media", check.Error is null ? t["Die Datei „{0}“ ist kein Foto (JPEG, PNG, WebP).", fileName].Value : t[check.Error, fileName].Value));
            }
        }

        return accepted;
    }

    /// <summary>The trimmed value, null when missing or blank ("Optional" in GeoReport v2: empty equals absent).</summary>
    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.LastOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string? Text(IFormCollection form, string name, int max, List<Open311Error> errors, IStringLocalizer t)
    {
        var value = Value(form, name);
        if (value is not null && value.Length > max)
        {
            errors.Add(new(name, t["Höchstens {0} Zeichen sind erlaubt; gesendet wurden {1}.", max, value.Length]));
            return null;
        }

        return value;
    }

    /// <summary>A field name as it may appear in an error: sent by the client, so cut short.</summary>
    private static string Field(string key) => key.Length > 60 ? key[..60] + "…" : key;

    private static bool LooksLikeEmail(string email) =>
        System.Net.Mail.MailAddress.TryCreate(email, out var address)
        && address.Address == email
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.EndsWith('.');
}
