namespace Rathaus.Open311;

/// <summary>The <c>Open311</c> configuration section: what the discovery document and the API tell apps.</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>GeoReport v2 suggests "the jurisdiction's main website root url (without the www)".</summary>
    public string JurisdictionId { get; set; } = "lueneburg.de";

    /// <summary>
    /// False (default): POST answers the service_request_id at once (service type "realtime").
    /// True: it answers a token that GET tokens/{token} turns into the service_request_id (service type "batch").
    /// </summary>
    public bool AnswerWithToken { get; set; }

    public string Contact { get; set; } = "Hansestadt Lüneburg, Am Ochsenmarkt 1, 21335 Lüneburg, open311@stadt.lueneburg.example";
    public string KeyService { get; set; } = "API-Schlüssel vergibt die IT-Administration der Hansestadt Lüneburg auf Anfrage an open311@stadt.lueneburg.example.";

    public string ServiceType => AnswerWithToken ? "batch" : "realtime";
}
