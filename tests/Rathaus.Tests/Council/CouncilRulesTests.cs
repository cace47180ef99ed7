using Rathaus.Council.Model;

namespace Rathaus.Tests.Council;

public sealed class CouncilRulesTests
{
    private static readonly LegislativeTerm Term = new() { Name = "Wahlperiode 2026–2031", StartDate = new(2026, 11, 1), EndDate = new(2031, 10, 31) };

    [Fact]
    public void A_meeting_must_end_after_it_starts()
    {
        var start = new DateTime(2026, 12, 3, 16, 0, 0, DateTimeKind.Utc);
        Assert.Empty(CouncilRules.CheckMeeting(start, start.AddHours(3)));
        var violation = Assert.Single(CouncilRules.CheckMeeting(start, start.AddHours(-1)));
        Assert.Equal("Die Sitzung muss nach ihrem Beginn enden.", violation.Message);
        Assert.Equal(nameof(Meeting.End), violation.Field);
        Assert.Single(CouncilRules.CheckMeeting(start, start));
    }

    [Fact]
    public void A_membership_lies_inside_its_term_and_does_not_end_before_it_starts()
    {
        Assert.Empty(CouncilRules.CheckMembership(new(2026, 11, 1), null, Term));
        Assert.Empty(CouncilRules.CheckMembership(new(2027, 1, 1), new(2031, 10, 31), Term));
        Assert.Equal("Der Beginn der Mitgliedschaft liegt außerhalb der Wahlperiode.", Assert.Single(CouncilRules.CheckMembership(new(2026, 10, 31), null, Term)).Message);
        Assert.Equal("Das Ende der Mitgliedschaft liegt außerhalb der Wahlperiode.", Assert.Single(CouncilRules.CheckMembership(new(2027, 1, 1), new(2031, 11, 1), Term)).Message);
        Assert.Contains(CouncilRules.CheckMembership(new(2027, 5, 1), new(2027, 4, 1), Term), v => v.Message == "Die Mitgliedschaft kann nicht enden, bevor sie beginnt.");
    }

    [Theory]
    [InlineData("2026/0123", false, null)]
    [InlineData("2026/0123", true, "Diese Drucksachennummer ist schon vergeben.")]
    [InlineData("2026/123", false, "Die Drucksachennummer hat die Form Jahr/Nummer, zum Beispiel 2026/0123.")]
    [InlineData("", false, "Die Drucksachennummer hat die Form Jahr/Nummer, zum Beispiel 2026/0123.")]
    [InlineData(null, false, "Die Drucksachennummer hat die Form Jahr/Nummer, zum Beispiel 2026/0123.")]
    public void A_paper_reference_has_the_form_year_slash_number_and_is_unique(string? reference, bool taken, string? message)
    {
        var violations = CouncilRules.CheckPaperReference(reference, taken);
        Assert.Equal(message, violations.SingleOrDefault()?.Message);
    }

    [Fact]
    public void A_generated_pdf_is_a_pdf_with_its_text()
    {
        var pdf = TinyPdf.Create("Drucksache 2026/0001", ["Sachverhalt (kurz): Straße"]);
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.4", text);
        Assert.EndsWith("%%EOF\n", text);
        Assert.Contains("(Sachverhalt \\(kurz\\): Straße) Tj", text);
        var startxref = int.Parse(text[(text.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref", text[startxref..]);
    }
}
