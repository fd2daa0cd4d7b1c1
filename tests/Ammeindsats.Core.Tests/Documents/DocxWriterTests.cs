using Ammeindsats.Core.Documents;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Ammeindsats.Core.Tests.Documents;

public sealed class DocxWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static DocxWriter Report() => new DocxWriter()
        .Title("Amning i Region Syddanmark")
        .PreparedOn(new DateOnly(2023, 3, 21))
        .Heading("Resultater")
        .Paragraph("Andelen af fuldt ammede børn ved 4 måneder.")
        .Heading("Efter kommune", 2)
        .Heading("Metode", 3)
        .BulletList("Data fra sundhedsplejen", "Opgjort pr. kvartal")
        .Table(new DocumentTable(
            "Fuld amning ved 4 måneder",
            ["Kommune", "Fødsler", "Andel", "Opgjort", "Note"],
            [
                ["København", 1234, 51.1, new DateOnly(2023, 3, 21), null],
                ["Ærø", 12, 0.25m, new DateOnly(2024, 1, 1), "Få fødsler"],
            ]));

    private string WriteFile(DocxWriter writer)
    {
        var path = _folder.File("rapport.docx");
        using var file = File.Create(path);
        writer.WriteTo(file);
        return path;
    }

    private static Body BodyOf(WordprocessingDocument document) => document.MainDocumentPart!.Document.Body!;

    private static string? StyleOf(Paragraph paragraph) => paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;

    private static string[][] CellTexts(Table table) =>
        table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToArray();

    [Fact]
    public void The_report_passes_the_open_xml_schema_validator()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);

        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}");

        Assert.Empty(errors);
    }

    [Fact]
    public void Headings_use_the_built_in_heading_styles_defined_in_the_styles_part()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);
        var paragraphs = BodyOf(document).Elements<Paragraph>().ToList();

        Assert.Equal("Heading1", StyleOf(paragraphs.Single(p => p.InnerText == "Resultater")));
        Assert.Equal("Heading2", StyleOf(paragraphs.Single(p => p.InnerText == "Efter kommune")));
        Assert.Equal("Heading3", StyleOf(paragraphs.Single(p => p.InnerText == "Metode")));

        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().ToList();
        var heading1 = styles.Single(s => s.StyleId == "Heading1");
        Assert.Equal("heading 1", heading1.StyleName!.Val!.Value);
        Assert.Equal(StyleValues.Paragraph, heading1.Type!.Value);
        Assert.Equal(0, heading1.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal(2, styles.Single(s => s.StyleId == "Heading3").StyleParagraphProperties!.OutlineLevel!.Val!.Value);
    }

    [Fact]
    public void Heading_levels_outside_one_to_three_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocxWriter().Heading("For dyb", 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocxWriter().Heading("For lav", 0));
    }

    [Fact]
    public void The_title_is_in_the_title_style_and_the_file_properties()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);

        var first = BodyOf(document).Elements<Paragraph>().First();

        Assert.Equal("Title", StyleOf(first));
        Assert.Equal("Amning i Region Syddanmark", first.InnerText);
        Assert.Equal("Amning i Region Syddanmark", document.PackageProperties.Title);
    }

    [Fact]
    public void The_prepared_line_gives_the_date_in_words()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);

        Assert.Contains(BodyOf(document).Elements<Paragraph>(), p => p.InnerText == "Udarbejdet 21. marts 2023");
    }

    [Fact]
    public void The_document_is_tagged_as_danish()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);

        var defaults = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!;
        var language = defaults.RunPropertiesDefault!.RunPropertiesBaseStyle!.GetFirstChild<Languages>()!;

        Assert.Equal("da-DK", language.Val!.Value);
        Assert.Equal("da-DK", document.PackageProperties.Language);
    }

    [Fact]
    public void The_table_holds_the_cell_texts_with_danish_numbers_and_dates()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);

        var table = BodyOf(document).Elements<Table>().Single();

        Assert.Equal(
            [
                ["Kommune", "Fødsler", "Andel", "Opgjort", "Note"],
                ["København", "1.234", "51,1", "21-03-2023", ""],
                ["Ærø", "12", "0,25", "01-01-2024", "Få fødsler"],
            ],
            CellTexts(table));
    }

    [Fact]
    public void The_header_row_repeats_on_each_page_and_is_bold()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);
        var rows = BodyOf(document).Elements<Table>().Single().Elements<TableRow>().ToList();

        Assert.NotNull(rows[0].TableRowProperties!.GetFirstChild<TableHeader>());
        Assert.All(rows[0].Descendants<Run>(), run => Assert.NotNull(run.RunProperties?.Bold));
        Assert.Null(rows[1].TableRowProperties!.GetFirstChild<TableHeader>());
    }

    [Fact]
    public void The_table_has_borders_a_caption_and_right_aligned_numbers()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);
        var body = BodyOf(document);
        var table = body.Elements<Table>().Single();

        var borders = table.GetFirstChild<TableProperties>()!.GetFirstChild<TableBorders>()!;
        Assert.Equal(BorderValues.Single, borders.TopBorder!.Val!.Value);
        Assert.Equal(BorderValues.Single, borders.InsideHorizontalBorder!.Val!.Value);
        Assert.Equal(BorderValues.Single, borders.InsideVerticalBorder!.Val!.Value);

        var caption = (Paragraph)table.PreviousSibling()!;
        Assert.Equal("Caption", StyleOf(caption));
        Assert.Equal("Fuld amning ved 4 måneder", caption.InnerText);

        var births = table.Elements<TableRow>().ElementAt(1).Elements<TableCell>().ElementAt(1);
        Assert.Equal(JustificationValues.Right, births.Descendants<Justification>().Single().Val!.Value);
    }

    [Fact]
    public void A_table_without_a_title_gets_no_caption()
    {
        var writer = new DocxWriter().Heading("Tal").Table(new DocumentTable("", ["A"], [[1]]));

        using var document = WordprocessingDocument.Open(WriteFile(writer), false);
        var table = BodyOf(document).Elements<Table>().Single();

        Assert.Equal("Heading1", StyleOf((Paragraph)table.PreviousSibling()!));
        Assert.Null(table.GetFirstChild<TableProperties>()!.GetFirstChild<TableCaption>());
    }

    [Fact]
    public void Bullet_items_are_list_paragraphs_using_a_bullet_numbering()
    {
        using var document = WordprocessingDocument.Open(WriteFile(Report()), false);

        var items = BodyOf(document).Elements<Paragraph>().Where(p => p.ParagraphProperties?.NumberingProperties is not null).ToList();

        Assert.Equal(["Data fra sundhedsplejen", "Opgjort pr. kvartal"], items.Select(p => p.InnerText));
        Assert.All(items, p => Assert.Equal("ListParagraph", StyleOf(p)));
        var numbering = document.MainDocumentPart!.NumberingDefinitionsPart!.Numbering!;
        var numberId = items[0].ParagraphProperties!.NumberingProperties!.NumberingId!.Val!.Value;
        var abstractId = numbering.Elements<NumberingInstance>().Single(n => n.NumberID!.Value == numberId).AbstractNumId!.Val!.Value;
        var level = numbering.Elements<AbstractNum>().Single(a => a.AbstractNumberId!.Value == abstractId).Elements<Level>().First();
        Assert.Equal(NumberFormatValues.Bullet, level.NumberingFormat!.Val!.Value);
    }

    [Fact]
    public void Line_breaks_in_a_paragraph_become_breaks_and_spaces_are_kept()
    {
        using var document = WordprocessingDocument.Open(WriteFile(new DocxWriter().Paragraph("Første linje\r\n  anden linje")), false);

        var paragraph = BodyOf(document).Elements<Paragraph>().Single();

        Assert.Single(paragraph.Descendants<Break>());
        Assert.Equal(["Første linje", "  anden linje"], paragraph.Descendants<Text>().Select(t => t.Text));
    }

    [Fact]
    public void The_same_report_can_be_written_twice()
    {
        var report = Report();
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        report.WriteTo(first);
        report.WriteTo(second);

        using var document = WordprocessingDocument.Open(new MemoryStream(second.ToArray()), false);
        Assert.Single(BodyOf(document).Elements<Table>());
        Assert.True(first.CanWrite);
    }
}
