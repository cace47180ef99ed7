using Rathaus.Council.Model;
using Rathaus.Council.Resolutions;
using Rathaus.Platform;
using Rathaus.Platform.OrgChart;

namespace Rathaus.Data.DemoData;

/// <summary>
/// The council of the demo city: two terms, the Rat, the Verwaltungsausschuss, five committees, four factions, about
/// forty people, forty meetings around today and two hundred papers with their consultations and tiny PDFs.
/// Generated from a fixed seed, so every start produces the same council; only the meeting dates follow the clock.
/// The people are fictional.
/// </summary>
internal static class LueneburgCouncilDemo
{
    private const int Seed = 20261125;

    public static readonly DateOnly PreviousTermStart = new(2021, 11, 1);
    public static readonly DateOnly CurrentTermStart = new(2026, 11, 1);

    private static readonly string[] GivenNames =
    [
        "Anna", "Jens", "Birgit", "Klaus", "Sabine", "Thomas", "Heike", "Frank", "Petra", "Jörg", "Katrin", "Uwe",
        "Claudia", "Ralf", "Susanne", "Dirk", "Nicole", "Stefan", "Andrea", "Michael", "Jana", "Tobias", "Miriam",
        "Lars", "Svenja", "Henning", "Maren", "Ole", "Friederike", "Hauke", "Inga", "Malte", "Wiebke", "Arne",
        "Gesa", "Björn", "Telse", "Nils", "Frauke", "Jannik",
    ];

    private static readonly string[] FamilyNames =
    [
        "Albers", "Behrens", "Cordes", "Dammann", "Evers", "Fricke", "Gerdes", "Harms", "Imhoff", "Janssen",
        "Kröger", "Lüders", "Meyer", "Niemann", "Ohlsen", "Peters", "Quast", "Rademacher", "Schulte", "Tiedemann",
        "Ubben", "Vogt", "Wendt", "Ahrens", "Bruns", "Claußen", "Dreyer", "Eggers", "Flügge", "Garbers", "Hinrichs",
        "Jürgens", "Köhler", "Lange", "Mahnke", "Nordmann", "Oltmanns", "Prigge", "Rieck", "Stüven",
    ];

    // Committee, the org unit whose Vorlagen it mostly treats, and topics of its papers.
    private static readonly (string Name, string ShortName, string Unit, string[] Topics)[] Committees =
    [
        ("Ausschuss für Bauen und Stadtentwicklung", "BauA", "7", ["Bebauungsplan Nr. {0} „Am Schierbrunnen“", "Sanierung der Brücke Lüner Weg", "Erneuerung der Fahrbahn Bardowicker Straße", "Radweg an der Willy-Brandt-Straße", "Straßenbeleuchtung auf LED umstellen, Abschnitt {0}"]),
        ("Ausschuss für Umwelt, Klimaschutz und Mobilität", "UKMA", "9", ["Klimaschutzkonzept, Fortschreibung {0}", "Baumpflanzungen im Kurpark", "Lärmaktionsplan, Stufe {0}", "Mehr Fahrradbügel in der Innenstadt", "Blühwiesen auf städtischen Flächen"]),
        ("Ausschuss für Finanzen und Wirtschaft", "FinA", "2", ["Haushaltsplan {0}, Teilhaushalt Zentrale Dienste", "Überplanmäßige Ausgabe für den Winterdienst", "Jahresabschluss {0}", "Beteiligungsbericht der Stadt", "Hebesätze der Grundsteuer"]),
        ("Ausschuss für Schule und Sport", "SchulA", "4", ["Sanierung der Sporthalle Kaltenmoor", "Schulentwicklungsplan {0}", "Ganztagsangebot an Grundschulen", "Neue Kunstrasenplätze", "Digitale Ausstattung der Schulen"]),
        ("Ausschuss für Soziales und Gesundheit", "SozA", "5", ["Seniorenbericht {0}", "Unterbringung von Geflüchteten", "Quartiersmanagement Kaltenmoor", "Förderung der Tafel Lüneburg", "Barrierefreie Bushaltestellen"]),
    ];

    private static readonly (string Name, string ShortName)[] Factions =
    [
        ("Fraktion Bündnis 90/Die Grünen", "Grüne"),
        ("SPD-Fraktion", "SPD"),
        ("CDU-Fraktion", "CDU"),
        ("Gruppe FDP/Die PARTEI", "FDP/PARTEI"),
    ];

    private static readonly string[] HeldResults = ["ungeändert beschlossen", "ungeändert beschlossen", "geändert beschlossen", "abgelehnt", "vertagt"];

    /// <param name="positionTitles">Per unit code, the title of a case-work position there: it signs the progress reports.</param>
    public static void Add(RathausDb db, IReadOnlyDictionary<string, OrgUnit> units, IReadOnlyDictionary<string, string> positionTitles, TimeProvider clock)
    {
        var random = new Random(Seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();

        var townHall = new Location { Description = "Rathaus, Am Ochsenmarkt 1, 21335 Lüneburg", StreetAddress = "Am Ochsenmarkt 1", PostalCode = "21335", Locality = "Lüneburg" };
        Location Room(string room) => new() { Description = $"Rathaus, {room}, Am Ochsenmarkt 1, 21335 Lüneburg", StreetAddress = "Am Ochsenmarkt 1", PostalCode = "21335", Locality = "Lüneburg", Room = room };
        var hall = Room("Huldigungssaal");
        var traubensaal = Room("Traubensaal");
        var fuerstensaal = Room("Fürstensaal");
        foreach (var location in new[] { townHall, hall, traubensaal, fuerstensaal })
        {
            location.Stamp(now);
            db.CouncilLocations.Add(location);
        }

        var body = new Body
        {
            Name = "Hansestadt Lüneburg",
            ShortName = "Lüneburg",
            Website = "https://www.hansestadtlueneburg.de/",
            Ags = "03355022",
            Rgs = "033550022022",
            ContactEmail = $"ratsbuero@{LueneburgDemo.MailDomain}",
            ContactName = "Ratsbüro der Hansestadt Lüneburg",
            Classification = "Stadt",
            Location = townHall,
        };
        body.Stamp(now);
        db.CouncilBodies.Add(body);

        var previous = new LegislativeTerm { Body = body, Name = "Wahlperiode 2021–2026", StartDate = PreviousTermStart, EndDate = CurrentTermStart.AddDays(-1) };
        var current = new LegislativeTerm { Body = body, Name = "Wahlperiode 2026–2031", StartDate = CurrentTermStart, EndDate = new DateOnly(2031, 10, 31) };
        previous.Stamp(now);
        current.Stamp(now);
        db.LegislativeTerms.AddRange(previous, current);

        Organization NewOrganization(string name, string shortName, OrganizationKind kind, Location? location)
        {
            var organization = new Organization { Body = body, Name = name, ShortName = shortName, Kind = kind, StartDate = PreviousTermStart, Location = location };
            organization.Stamp(now);
            db.CouncilOrganizations.Add(organization);
            return organization;
        }

        var council = NewOrganization("Rat der Hansestadt Lüneburg", "Rat", OrganizationKind.Council, hall);
        var mainCommittee = NewOrganization("Verwaltungsausschuss", "VA", OrganizationKind.MainCommittee, fuerstensaal);
        var committees = Committees.Select(c => NewOrganization(c.Name, c.ShortName, OrganizationKind.Committee, traubensaal)).ToArray();
        var localCouncil = NewOrganization("Ortsrat Oedeme", "OR Oedeme", OrganizationKind.LocalCouncil, null);
        var factions = Factions.Select(f => NewOrganization(f.Name, f.ShortName, f.ShortName.Contains('/') ? OrganizationKind.Group : OrganizationKind.Faction, null)).ToArray();

        // People: 40 council members; the first 30 sit in both terms, 5 only in the previous, 5 only in the current one.
        var persons = new List<Person>();
        for (var i = 0; i < 40; i++)
        {
            var person = new Person
            {
                Body = body,
                GivenName = GivenNames[i],
                FamilyName = FamilyNames[(i * 7) % FamilyNames.Length],
                FormOfAddress = IsFemale(GivenNames[i]) ? "Frau" : "Herr",
                Gender = IsFemale(GivenNames[i]) ? "female" : "male",
                Title = i % 9 == 4 ? "Dr." : null,
            };
            person.Stamp(now);
            persons.Add(person);
            db.CouncilPersons.Add(person);
        }

        void Member(Person person, Organization organization, LegislativeTerm term, string role, bool voting, Organization? faction)
        {
            var membership = new Membership
            {
                Person = person,
                Organization = organization,
                LegislativeTerm = term,
                Role = role,
                VotingRight = voting,
                StartDate = term.StartDate,
                EndDate = term == previous ? term.EndDate : null,
                OnBehalfOf = faction,
            };
            membership.Stamp(now);
            db.CouncilMemberships.Add(membership);
        }

        foreach (var (term, people) in new[] { (previous, persons.Take(35).ToList()), (current, persons.Take(30).Concat(persons.Skip(35)).ToList()) })
        {
            for (var i = 0; i < people.Count; i++)
            {
                var person = people[i];
                var faction = factions[i % factions.Length];
                var female = person.FormOfAddress == "Frau";
                Member(person, faction, term, i < factions.Length ? "Fraktionsvorsitz" : "Mitglied", true, null);
                Member(person, council, term, i == 0 ? "Ratsvorsitz" : female ? "Ratsfrau" : "Ratsherr", true, faction);
                if (i < 10)
                {
                    Member(person, mainCommittee, term, i == 0 ? "Vorsitz" : "Beigeordnete(r)", true, faction);
                }

                var committee = committees[i % committees.Length];
                Member(person, committee, term, i < committees.Length ? "Vorsitz" : "Mitglied", true, faction);
                if (i % 3 == 0)
                {
                    Member(person, committees[(i + 2) % committees.Length], term, "stellvertretendes Mitglied", false, faction);
                }

                if (i % 8 == 1)
                {
                    Member(person, localCouncil, term, "Mitglied", true, faction);
                }
            }
        }

        // Forty meetings from ten months ago to eight months ahead, Tuesday to Thursday at 17:00 in Lüneburg.
        Organization[] cycle = [council, mainCommittee, committees[0], committees[1], mainCommittee, committees[2], committees[3], committees[4], mainCommittee, localCouncil];
        var meetings = new List<Meeting>();
        var day = today.AddDays(-300);
        for (var i = 0; i < 40; i++)
        {
            day = day.AddDays(11 + random.Next(5));
            while (day.DayOfWeek is not (DayOfWeek.Tuesday or DayOfWeek.Wednesday or DayOfWeek.Thursday))
            {
                day = day.AddDays(1);
            }

            var organization = cycle[i % cycle.Length];
            var start = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(17, 0)), CityClock.Zone);
            var cancelled = i is 7 or 33;
            var state = cancelled ? MeetingState.Cancelled
                : day < today ? MeetingState.Held
                : day <= today.AddDays(21) ? MeetingState.Invited
                : MeetingState.Planned;
            var meeting = new Meeting
            {
                Name = $"{MeetingName(organization)} am {day:dd.MM.yyyy}",
                Start = start,
                End = start.AddHours(organization == council ? 4 : 2.5),
                Location = organization.Location ?? townHall,
                State = state,
                Cancelled = cancelled,
                Organizations = [organization],
            };
            meeting.Stamp(now);
            meetings.Add(meeting);
            db.CouncilMeetings.Add(meeting);
            var opening = new AgendaItem { Meeting = meeting, Number = "Ö 1", Order = 1, Name = "Eröffnung der Sitzung, Feststellung der ordnungsgemäßen Ladung und der Beschlussfähigkeit", Public = true };
            opening.Stamp(now);
            meeting.AgendaItems.Add(opening);
            if (state is MeetingState.Invited or MeetingState.Held)
            {
                AddFile(db, meeting, null, null, FileRole.Invitation, $"Einladung {meeting.Name}", $"einladung-{i + 1}.pdf", now, [$"Einladung zur Sitzung: {meeting.Name}", $"Ort: {meeting.Location!.Description}"], day.AddDays(-14));
            }

            if (state is MeetingState.Held)
            {
                AddFile(db, meeting, null, null, FileRole.ResultsProtocol, $"Ergebnisprotokoll {meeting.Name}", $"protokoll-{i + 1}.pdf", now, [$"Ergebnisprotokoll: {meeting.Name}"], day.AddDays(7) < today ? day.AddDays(7) : today);
            }
        }

        // Two hundred papers: Vorlagen of the administration, Anträge and Anfragen of the factions.
        var counters = new Dictionary<int, int>();
        var resolutions = new List<(AgendaItem Item, string UnitCode, Meeting Meeting)>();
        var papers = new List<Paper>();
        for (var i = 0; i < 200; i++)
        {
            var committeeIndex = random.Next(Committees.Length);
            var (_, _, unitCode, topics) = Committees[committeeIndex];
            var committee = committees[committeeIndex];
            var roll = random.Next(100);
            var type = roll < 60 ? PaperType.ResolutionProposal : roll < 75 ? PaperType.Communication : roll < 90 ? PaperType.Motion : PaperType.Inquiry;
            var date = today.AddDays(-320 + (int)(i * 2.4) + random.Next(3));
            counters[date.Year] = counters.GetValueOrDefault(date.Year) + 1;
            var faction = factions[random.Next(factions.Length)];
            var topic = string.Format(System.Globalization.CultureInfo.InvariantCulture, topics[random.Next(topics.Length)], date.Year);
            var paper = new Paper
            {
                Body = body,
                Reference = $"{date.Year}/{counters[date.Year]:D4}",
                Name = type switch
                {
                    PaperType.Motion => $"Antrag der {faction.ShortName}: {topic}",
                    PaperType.Inquiry => $"Anfrage der {faction.ShortName}: {topic}",
                    PaperType.Communication => $"Sachstandsbericht: {topic}",
                    _ => topic,
                },
                Type = type,
                Date = date,
                OriginatorUnit = type is PaperType.Motion or PaperType.Inquiry ? null : units[unitCode],
                OriginatorOrganization = type is PaperType.Motion or PaperType.Inquiry ? faction : null,
            };
            paper.Stamp(now);
            db.Papers.Add(paper);
            papers.Add(paper);
            AddFile(db, null, paper, null, FileRole.MainFile, $"Drucksache {paper.Reference}", $"drucksache-{paper.Reference.Replace('/', '-')}.pdf", now,
                [$"Drucksache {paper.Reference} vom {paper.Date:dd.MM.yyyy}", paper.Name, "Sachverhalt und Begründung siehe Anlage."], paper.Date);

            (Organization Organization, string Role, bool Authoritative)[] path = type switch
            {
                PaperType.ResolutionProposal => [(committee, "Vorberatung", false), (mainCommittee, "Vorberatung", false), (council, "Entscheidung", true)],
                PaperType.Motion => [(committee, "Vorberatung", false), (council, "Entscheidung", true)],
                PaperType.Communication => [(committee, "Kenntnisnahme", false)],
                _ => [(committee, "Beantwortung", false)],
            };
            var after = date;
            var order = 0;
            foreach (var (organization, role, authoritative) in path)
            {
                var meeting = meetings.FirstOrDefault(m => m.Organizations.Contains(organization) && !m.Cancelled && DateOnly.FromDateTime(m.Start) > after);
                var consultation = new Consultation { Paper = paper, Organization = organization, Role = role, Authoritative = authoritative, Order = ++order };
                consultation.Stamp(now);
                db.Consultations.Add(consultation);
                if (meeting is null)
                {
                    continue; // not yet scheduled: the step waits for a meeting
                }

                var item = new AgendaItem
                {
                    Meeting = meeting,
                    Number = $"Ö {meeting.AgendaItems.Count(a => a.Public) + 1}",
                    Order = meeting.AgendaItems.Count + 1,
                    Name = paper.Name,
                    Public = true,
                };
                item.Stamp(now);
                meeting.AgendaItems.Add(item);
                consultation.Meeting = meeting;
                consultation.AgendaItem = item;
                if (meeting.State == MeetingState.Held)
                {
                    var result = type switch
                    {
                        PaperType.Communication or PaperType.Inquiry => "zur Kenntnis genommen",
                        _ => HeldResults[random.Next(HeldResults.Length)],
                    };
                    item.Result = result;
                    consultation.Result = result;
                    if (result.EndsWith("beschlossen", StringComparison.Ordinal))
                    {
                        item.ResolutionText = $"Der {organization.ShortName} {(authoritative ? "beschließt" : "empfiehlt")}: {paper.Name} wird entsprechend der Drucksache {paper.Reference} umgesetzt.";
                        resolutions.Add((item, unitCode, meeting));
                    }
                }

                after = DateOnly.FromDateTime(meeting.Start);
            }
        }

        // Non-public items: land and staff matters, each with a confidential file, in every fourth meeting.
        for (var i = 0; i < meetings.Count; i += 4)
        {
            var meeting = meetings[i];
            var secret = new AgendaItem
            {
                Meeting = meeting,
                Number = "N 1",
                Order = meeting.AgendaItems.Count + 1,
                Name = i % 8 == 0 ? $"Grundstücksangelegenheit: Verkauf einer Teilfläche, Flurstück {100 + i}/3" : $"Personalangelegenheit: Besetzung der Stelle Nr. {4000 + i}",
                Public = false,
                Result = meeting.State == MeetingState.Held ? "ungeändert beschlossen" : null,
                ResolutionText = meeting.State == MeetingState.Held ? "Vertraulicher Beschluss." : null,
            };
            secret.Stamp(now);
            meeting.AgendaItems.Add(secret);
            if (secret.ResolutionText is not null)
            {
                resolutions.Add((secret, i % 8 == 0 ? "2" : "1", meeting));
            }

            AddFile(db, null, null, secret, FileRole.Auxiliary, $"Vertrauliche Anlage zu {secret.Name}", $"vertraulich-{i + 1}.pdf", now, ["Vertraulich – nur für den Dienstgebrauch", secret.Name], DateOnly.FromDateTime(meeting.Start));
        }

        foreach (var meeting in meetings)
        {
            var closing = new AgendaItem { Meeting = meeting, Number = $"Ö {meeting.AgendaItems.Count(a => a.Public) + 1}", Order = meeting.AgendaItems.Count + 1, Name = "Anfragen und Mitteilungen", Public = true };
            closing.Stamp(now);
            meeting.AgendaItems.Add(closing);
            db.AgendaItems.AddRange(meeting.AgendaItems);
        }

        AddResolutionTracking(db, resolutions, papers, units, positionTitles, today, now);
    }

    private static readonly string[] ProgressTexts =
    [
        "Die Planung ist beauftragt; erste Entwürfe liegen vor.",
        "Die Ausschreibung ist veröffentlicht, die Angebotsfrist läuft.",
        "Der Auftrag ist vergeben; die Arbeiten beginnen im nächsten Quartal.",
        "Die Abstimmung mit den beteiligten Stellen ist abgeschlossen.",
        "Die Mittel sind im Haushalt bereitgestellt.",
        "Die Arbeiten haben begonnen und liegen im Zeitplan.",
    ];

    /// <summary>
    /// Beschlusskontrolle of the demo: every resolution gets a record with the unit that wrote its paper, a target
    /// date, a state and dated progress reports; several target dates have passed unfinished (overdue). A seed of its
    /// own, so the rest of the council stays as it was.
    /// </summary>
    private static void AddResolutionTracking(RathausDb db, List<(AgendaItem Item, string UnitCode, Meeting Meeting)> resolutions, List<Paper> papers,
        IReadOnlyDictionary<string, OrgUnit> units, IReadOnlyDictionary<string, string> positionTitles, DateOnly today, DateTime now)
    {
        var random = new Random(Seed + 1);
        foreach (var (item, unitCode, meeting) in resolutions)
        {
            var decided = DateOnly.FromDateTime(meeting.Start);
            var roll = random.Next(100);
            var status = roll < 25 ? ResolutionStatus.Implemented
                : roll < 55 ? ResolutionStatus.InProgress
                : roll < 85 ? ResolutionStatus.Open
                : roll < 93 ? ResolutionStatus.NotFeasible
                : ResolutionStatus.Superseded;
            var tracking = new ResolutionTracking
            {
                AgendaItem = item,
                OrgUnit = units[unitCode],
                Status = status,
                TargetDate = decided.AddDays(45 + random.Next(300)),
                Created = now,
                Modified = now,
                SettledByPaper = status == ResolutionStatus.Superseded ? papers[random.Next(papers.Count)] : null,
            };
            var reports = status switch
            {
                ResolutionStatus.Implemented => 2,
                ResolutionStatus.InProgress or ResolutionStatus.NotFeasible => 1,
                _ => 0,
            };
            var span = Math.Max(1, today.DayNumber - decided.DayNumber);
            for (var r = 0; r < reports; r++)
            {
                var last = r == reports - 1;
                tracking.Progress.Add(new ResolutionProgress
                {
                    Date = decided.AddDays(Math.Min(span, (r + 1) * span / (reports + 1) + 1)),
                    Text = last && status == ResolutionStatus.Implemented ? "Die Maßnahme ist abgeschlossen und abgerechnet."
                        : last && status == ResolutionStatus.NotFeasible ? "Die Umsetzung ist nicht möglich: Fördermittel wurden nicht bewilligt. Eine neue Vorlage folgt."
                        : ProgressTexts[random.Next(ProgressTexts.Length)],
                    SignedByUnit = units[unitCode].Name,
                    SignedByPosition = positionTitles.GetValueOrDefault(unitCode, "Sachbearbeitung"),
                    At = now,
                });
            }

            db.ResolutionTrackings.Add(tracking);
        }
    }

    private static string MeetingName(Organization organization) => organization.Kind switch
    {
        OrganizationKind.Council => "Sitzung des Rates",
        OrganizationKind.MainCommittee => "Sitzung des Verwaltungsausschusses",
        OrganizationKind.LocalCouncil => "Sitzung des " + organization.Name.Replace("Ortsrat", "Ortsrates", StringComparison.Ordinal),
        _ => "Sitzung des " + organization.Name.Replace("Ausschuss", "Ausschusses", StringComparison.Ordinal),
    };

    private static readonly HashSet<string> FemaleNames =
    [
        "Anna", "Birgit", "Sabine", "Heike", "Petra", "Katrin", "Claudia", "Susanne", "Nicole", "Andrea", "Jana",
        "Miriam", "Svenja", "Maren", "Friederike", "Inga", "Wiebke", "Gesa", "Telse", "Frauke",
    ];

    private static bool IsFemale(string givenName) => FemaleNames.Contains(givenName);

    private static void AddFile(RathausDb db, Meeting? meeting, Paper? paper, AgendaItem? item, FileRole role, string name, string fileName, DateTime now, string[] lines, DateOnly date)
    {
        // The text for the search is read back from the PDF when the file is saved (FileText), as for uploads.
        var file = CouncilFile.From(name, fileName, "application/pdf", TinyPdf.Create(name, lines), now);
        file.Role = role;
        file.Meeting = meeting;
        file.Paper = paper;
        file.AgendaItem = item;
        file.Date = date;
        db.CouncilFiles.Add(file);
    }
}
