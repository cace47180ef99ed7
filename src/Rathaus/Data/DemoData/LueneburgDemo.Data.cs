using Rathaus.Platform.OrgChart;
using static Rathaus.Platform.OrgChart.OrgUnitKind;
using static Rathaus.Platform.OrgChart.PositionRole;

namespace Rathaus.Data.DemoData;

internal sealed partial class LueneburgDemo
{
    // The town hall's address is public; the other sites are fictional.
    // A method, not a field: EF assigns ids to the instances, and two applications in one process (tests) must not share them.
    private static Site[] NewSites() =>
    [
        new() { Code = "RH", Name = "Rathaus", Street = "Am Ochsenmarkt 1", PostalCode = "21335", City = "Lüneburg", OpeningHours = "Mo–Fr 8:00–12:30, Do 14:00–17:30" },
        new() { Code = "TR", Name = "Technisches Rathaus", Street = "Neue Sülze 33", PostalCode = "21335", City = "Lüneburg", OpeningHours = "Mo–Do 8:00–15:30, Fr 8:00–12:00" },
        new() { Code = "KM", Name = "Dienstgebäude Kaltenmoor", Street = "Graf-Schenk-Straße 12", PostalCode = "21337", City = "Lüneburg", OpeningHours = "Mo, Di, Do 8:00–12:00" },
        new() { Code = "BH", Name = "Betriebshof Stadtgrün", Street = "Bessemerstraße 5", PostalCode = "21339", City = "Lüneburg", OpeningHours = "nach Vereinbarung" },
    ];

    private static readonly (string Code, string Name, OrgUnitKind Kind, string? Parent, string Site)[] Units =
    [
        ("OB", "Oberbürgermeisterin", Executive, null, "RH"),
        ("OB-PR", "Stabsstelle Presse und Kommunikation", StaffUnit, "OB", "RH"),
        ("OB-RB", "Ratsbüro", StaffUnit, "OB", "RH"),
        ("DEZ I", "Dezernat I – Zentrale Dienste und Finanzen", Department, "OB", "RH"),
        ("1", "Fachbereich 1 – Zentrale Dienste", Division, "DEZ I", "RH"),
        ("1.2", "Bereich Informationstechnik", Section, "1", "RH"),
        ("1.3", "Poststelle", Team, "1", "RH"),
        ("2", "Fachbereich 2 – Finanzen", Division, "DEZ I", "RH"),
        ("2.2", "Bereich Stadtkasse", Section, "2", "RH"),
        ("DEZ II", "Dezernat II – Ordnung und Bürgerdienste", Department, "OB", "RH"),
        ("3", "Fachbereich 3 – Ordnung und Verkehr", Division, "DEZ II", "RH"),
        ("3.1", "Bereich Ordnungsangelegenheiten", Section, "3", "RH"),
        ("3.2", "Bereich Straßenverkehr", Section, "3", "RH"),
        ("33", "Fachbereich 33 – Bürgeramt", Division, "DEZ II", "RH"),
        ("33.1", "Bürgerbüro", Team, "33", "RH"),
        ("DEZ III", "Dezernat III – Bildung, Jugend und Soziales", Department, "OB", "KM"),
        ("4", "Fachbereich 4 – Schule und Sport", Division, "DEZ III", "KM"),
        ("5", "Fachbereich 5 – Soziales", Division, "DEZ III", "KM"),
        ("DEZ IV", "Dezernat IV – Bauen, Umwelt und Klimaschutz", Department, "OB", "TR"),
        ("7", "Fachbereich 7 – Straßen und Tiefbau", Division, "DEZ IV", "TR"),
        ("7.1", "Bereich Straßenunterhaltung", Section, "7", "TR"),
        ("7.2", "Sachgebiet Straßenbeleuchtung", Team, "7", "TR"),
        ("8", "Fachbereich 8 – Stadtgrün", Division, "DEZ IV", "BH"),
        ("9", "Fachbereich 9 – Umwelt und Klimaschutz", Division, "DEZ IV", "TR"),
    ];

    private static readonly (string Mailbox, string Title, string Unit, bool IsLead, PositionRole Roles)[] Positions =
    [
        ("oberbuergermeisterin", "Oberbürgermeisterin", "OB", true, CaseWork),
        ("ob-referent", "Persönliche Referentin / Persönlicher Referent", "OB", false, CaseWork),
        ("presse", "Pressesprecherin / Pressesprecher", "OB-PR", true, CaseWork),
        ("ratsbuero.leitung", "Leitung Ratsbüro", "OB-RB", true, CaseWork | CouncilOffice),
        ("ratsbuero", "Sachbearbeitung Ratsangelegenheiten", "OB-RB", false, CaseWork | CouncilOffice),
        ("dezernat1", "Dezernentin / Dezernent I", "DEZ I", true, CaseWork),
        ("fb1.leitung", "Leitung Fachbereich Zentrale Dienste", "1", true, CaseWork),
        ("it.leitung", "Leitung Informationstechnik", "1.2", true, CaseWork | Administrator),
        ("it-administration", "Systemadministration Fachverfahren", "1.2", false, Administrator),
        ("poststelle.leitung", "Leitung Poststelle", "1.3", true, Mailroom),
        ("poststelle", "Poststelle Rathaus", "1.3", false, Mailroom),
        ("poststelle.tr", "Poststelle Technisches Rathaus", "1.3", false, Mailroom),
        ("fb2.leitung", "Leitung Fachbereich Finanzen", "2", true, CaseWork),
        ("haushalt", "Sachbearbeitung Haushalt", "2", false, CaseWork),
        ("stadtkasse", "Sachbearbeitung Stadtkasse", "2.2", false, CaseWork),
        ("dezernat2", "Dezernentin / Dezernent II", "DEZ II", true, CaseWork),
        ("fb3.leitung", "Leitung Fachbereich Ordnung und Verkehr", "3", true, CaseWork),
        ("ordnung", "Sachbearbeitung Ordnungsangelegenheiten", "3.1", false, CaseWork),
        ("ordnung2", "Sachbearbeitung Gewerbe und Sondernutzung", "3.1", false, CaseWork),
        ("verkehr", "Sachbearbeitung Straßenverkehr", "3.2", false, CaseWork),
        ("fb33.leitung", "Leitung Bürgeramt", "33", true, CaseWork | CentralTriage),
        ("buergerbuero", "Bürgerbüro – zentrale Anliegenstelle", "33.1", false, CaseWork | CentralTriage),
        ("buergerbuero2", "Bürgerbüro – Service und Beratung", "33.1", false, CaseWork | CentralTriage),
        ("dezernat3", "Dezernentin / Dezernent III", "DEZ III", true, CaseWork),
        ("fb4.leitung", "Leitung Fachbereich Schule und Sport", "4", true, CaseWork),
        ("schule", "Sachbearbeitung Schulverwaltung", "4", false, CaseWork),
        ("sport", "Sachbearbeitung Sportstätten", "4", false, CaseWork),
        ("fb5.leitung", "Leitung Fachbereich Soziales", "5", true, CaseWork),
        ("soziales", "Sachbearbeitung Soziale Hilfen", "5", false, CaseWork),
        ("dezernat4", "Dezernentin / Dezernent IV", "DEZ IV", true, CaseWork),
        ("fb7.leitung", "Leitung Fachbereich Straßen und Tiefbau", "7", true, CaseWork),
        ("strassen.leitung", "Leitung Straßenunterhaltung", "7.1", true, CaseWork),
        ("strassen", "Sachbearbeitung Straßenunterhaltung", "7.1", false, CaseWork),
        ("strassen2", "Sachbearbeitung Geh- und Radwege", "7.1", false, CaseWork),
        ("beleuchtung", "Sachbearbeitung Straßenbeleuchtung", "7.2", false, CaseWork),
        ("fb8.leitung", "Leitung Fachbereich Stadtgrün", "8", true, CaseWork),
        ("stadtgruen", "Sachbearbeitung Grünflächen und Spielplätze", "8", false, CaseWork),
        ("baumpflege", "Sachbearbeitung Baumpflege", "8", false, CaseWork),
        ("fb9.leitung", "Leitung Fachbereich Umwelt und Klimaschutz", "9", true, CaseWork),
        ("klimaschutz", "Klimaschutzmanagement", "9", false, CaseWork),
        ("umwelt", "Sachbearbeitung Umweltschutz", "9", false, CaseWork),
    ];

    // Fictional people; any likeness to real persons is unintended.
    private static readonly (string UserName, string Name, string[] Positions)[] Staff =
    [
        (AdminUserName, "Demo-Administration", ["it-administration"]),
        ("c.brandes", "Claudia Brandes", ["oberbuergermeisterin"]),
        ("t.wiebe", "Tobias Wiebe", ["ob-referent"]),
        ("s.lange", "Sabine Lange", ["presse"]),
        ("h.petersen", "Heike Petersen", ["ratsbuero.leitung"]),
        ("m.kruse", "Malte Kruse", ["ratsbuero"]),
        ("r.albers", "Ralf Albers", ["dezernat1", "fb1.leitung"]),
        ("j.hinrichs", "Jana Hinrichs", ["it.leitung"]),
        ("o.meyer", "Ole Meyer", ["it-administration"]),
        ("g.wulf", "Gabriele Wulf", ["poststelle.leitung"]),
        ("k.dreyer", "Kevin Dreyer", ["poststelle"]),
        ("a.schuett", "Anke Schütt", ["poststelle.tr"]),
        ("b.harms", "Birgit Harms", ["fb2.leitung"]),
        ("f.otte", "Frank Otte", ["haushalt"]),
        ("l.cordes", "Lena Cordes", ["stadtkasse"]),
        ("u.stuebe", "Uwe Stübe", ["dezernat2"]),
        ("p.koehler", "Petra Köhler", ["fb3.leitung"]),
        ("n.bartels", "Nils Bartels", ["ordnung"]),
        ("e.rieck", "Elif Rieck", ["ordnung2"]),
        ("d.gerdes", "Dirk Gerdes", ["verkehr"]),
        ("i.holst", "Inga Holst", ["fb33.leitung"]),
        ("y.demir", "Yasemin Demir", ["buergerbuero"]),
        ("j.reimers", "Jonas Reimers", ["buergerbuero2"]),
        ("m.evers", "Martina Evers", ["dezernat3"]),
        ("s.brockmann", "Stefan Brockmann", ["fb4.leitung"]),
        ("a.novak", "Anna Novak", ["schule"]),
        ("h.tiedemann", "Henning Tiedemann", ["sport"]),
        ("k.wendt", "Katrin Wendt", ["fb5.leitung"]),
        ("m.ahrens", "Mehmet Ahrens", ["soziales"]),
        ("c.lindemann", "Christian Lindemann", ["dezernat4"]),
        ("b.oelkers", "Britta Oelkers", ["fb7.leitung"]),
        ("t.bruns", "Thomas Bruns", ["strassen.leitung"]),
        ("l.hoppe", "Lars Hoppe", ["strassen"]),
        ("f.winkler", "Friederike Winkler", ["strassen2"]),
        ("r.jacobs", "Rainer Jacobs", ["beleuchtung"]),
        ("s.matthies", "Silke Matthies", ["fb8.leitung"]),
        ("p.behn", "Paul Behn", ["stadtgruen"]),
        ("w.kahle", "Wiebke Kahle", ["baumpflege"]),
        ("d.hartwig", "Dörte Hartwig", ["fb9.leitung"]),
        ("j.okafor", "Julia Okafor", ["klimaschutz"]),
        ("m.sievers", "Marco Sievers", ["umwelt"]),
    ];

    private static readonly (string Absent, string Substitute, int FromDays, int? UntilDays, string Reason)[] Substitutions =
    [
        ("fb7.leitung", "strassen.leitung", 0, 13, "Urlaub"),
        ("beleuchtung", "strassen", -3, 4, "Fortbildung"),
        ("buergerbuero", "buergerbuero2", 7, 21, "Urlaub"),
        ("fb9.leitung", "klimaschutz", 14, null, "Elternzeit"),
    ];

    private static readonly (string Code, string Name, string? Parent, string? Unit)[] Categories =
    [
        ("strasse-verkehr", "Straßen und Verkehr", null, null),
        ("schlagloch", "Schlagloch oder Straßenschaden", "strasse-verkehr", "7.1"),
        ("gehweg", "Geh- oder Radweg beschädigt", "strasse-verkehr", "7.1"),
        ("strassenbeleuchtung", "Straßenbeleuchtung defekt", "strasse-verkehr", "7.2"),
        ("verkehrszeichen", "Ampel oder Verkehrszeichen", "strasse-verkehr", "3.2"),
        ("parken", "Falschparker und Verkehrsbehinderung", "strasse-verkehr", "3.2"),
        ("sauberkeit-gruen", "Sauberkeit und Grün", null, null),
        ("muell", "Illegale Müllablagerung", "sauberkeit-gruen", "3.1"),
        ("papierkorb", "Papierkorb überfüllt", "sauberkeit-gruen", "8"),
        ("gruenflaeche", "Grünfläche oder Park", "sauberkeit-gruen", "8"),
        ("baum", "Baum oder Baumschnitt", "sauberkeit-gruen", "8"),
        ("spielplatz", "Spielplatz", "sauberkeit-gruen", "8"),
        ("ordnung", "Ordnung und Sicherheit", null, null),
        ("laerm", "Lärmbelästigung", "ordnung", "3.1"),
        ("graffiti", "Graffiti oder Vandalismus", "ordnung", "3.1"),
        ("umwelt-klima", "Umwelt und Klima", null, null),
        ("umweltschaden", "Verschmutzung von Gewässer oder Boden", "umwelt-klima", "9"),
        ("klimaschutz", "Klimaschutz und Energie", "umwelt-klima", "9"),
        ("leben", "Schule, Soziales und Bürgerdienste", null, null),
        ("schule", "Schulen und Schulwege", "leben", "4"),
        ("sport", "Sportstätten und Bäder", "leben", "4"),
        ("soziales", "Soziale Hilfen und Beratung", "leben", "5"),
        ("buergerdienste", "Ausweise, Meldewesen und Bürgerdienste", "leben", "33"),
        ("verwaltung", "Verwaltung und Rat", null, null),
        ("gebuehren", "Steuern, Gebühren und Rechnungen", "verwaltung", "2.2"),
        ("rat", "Anregung oder Beschwerde an den Rat", "verwaltung", "OB-RB"),
        ("sonstiges", "Sonstiges", "verwaltung", null),
    ];

    /// <summary>Textbausteine: the general ones for every unit (null), and some of Straßenunterhaltung.</summary>
    private static readonly (string Title, string? Unit, string Text)[] ReplyTemplates =
    [
        ("Eingangsbestätigung mit Bearbeitungszeit", null,
            "wir haben Ihr Anliegen {Vorgangsnummer} vom {Eingangsdatum} an die zuständige Stelle gegeben: {Einheit}. Wir melden uns spätestens bis zum {Frist}."),
        ("Nicht zuständig – an andere Behörde verwiesen", null,
            "für Ihr Anliegen ist leider nicht die Hansestadt Lüneburg zuständig, sondern der Landkreis Lüneburg. Bitte wenden Sie sich an den Landkreis: www.landkreis-lueneburg.de, Telefon 04131 26-0."),
        ("Vielen Dank für Ihr Lob", null,
            "vielen Dank für Ihre freundliche Rückmeldung. Wir haben sie an die Kolleginnen und Kollegen weitergegeben. Darüber freuen wir uns sehr."),
        ("Schaden behoben", "7.1",
            "vielen Dank für Ihren Hinweis zum Thema „{Thema}“ ({Ort}). Der Schaden wurde inzwischen behoben. Wir schließen Ihr Anliegen damit ab."),
        ("Schaden eingeplant", "7.1",
            "vielen Dank für Ihren Hinweis ({Ort}). Wir haben uns den Schaden angesehen. Er ist nicht gefährlich. Die Reparatur ist eingeplant und wird in den nächsten Wochen erledigt."),
        ("Rückfrage: genauer Ort", "7.1",
            "damit wir den Schaden schnell finden: Können Sie uns den Ort genauer beschreiben? Zum Beispiel die Hausnummer, eine Kreuzung oder ein Foto."),
    ];
}
