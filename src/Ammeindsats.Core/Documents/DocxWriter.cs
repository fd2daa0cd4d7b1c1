using System.Globalization;
using Ammeindsats.Core.Common;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Ammeindsats.Core.Documents;

/// <summary>
/// Builds a Word report from top to bottom: title, headings, paragraphs, bullet lists and tables,
/// then <see cref="WriteTo"/> writes it. The document is Danish (da-DK) so spelling and hyphenation work,
/// on A4 with 2 cm margins.
/// </summary>
/// <remarks>
/// Only Word's built-in styles are used (Title, Heading 1–3, List Paragraph, Caption), defined in the styles
/// part. Headings that are real headings give the navigation pane, a table of contents and screen readers
/// something to work with, which direct bold text would not.
/// </remarks>
public sealed class DocxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string FileExtension = ".docx";

    internal const string Language = "da-DK";

    // A4 in twentieths of a point, with 2 cm margins.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1134;
    private const int TextWidth = PageWidth - (2 * Margin);

    private const int BulletNumberingId = 1;

    private readonly List<OpenXmlElement> _blocks = [];
    private string? _title;

    /// <summary>The document title, in the Title style; the first one also becomes the file's title property.</summary>
    public DocxWriter Title(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _title ??= text;
        _blocks.Add(StyledParagraph("Title", text));
        return this;
    }

    /// <summary>A heading in Word's Heading 1, 2 or 3 style.</summary>
    public DocxWriter Heading(string text, int level = 1)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 3);
        _blocks.Add(StyledParagraph("Heading" + level, text));
        return this;
    }

    /// <summary>Body text. Line breaks in the text become line breaks in the paragraph.</summary>
    public DocxWriter Paragraph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _blocks.Add(new Paragraph(TextRun(text)));
        return this;
    }

    /// <summary>A bulleted list, one item per paragraph, as a real Word list rather than typed bullets.</summary>
    public DocxWriter BulletList(params IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            _blocks.Add(new Paragraph(
                new ParagraphProperties(
                    new ParagraphStyleId { Val = "ListParagraph" },
                    new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = BulletNumberingId })),
                TextRun(item ?? string.Empty)));
        }

        return this;
    }

    /// <summary>"Udarbejdet 21. marts 2023": when the report was made.</summary>
    public DocxWriter PreparedOn(DateOnly date)
    {
        _blocks.Add(new Paragraph(TextRun("Udarbejdet " + DanishFormat.TextDate(date))));
        return this;
    }

    /// <summary>
    /// A table with borders, full text width and its header row repeated at the top of every page.
    /// A non-blank table title is written as a caption above it and as the table's accessible title.
    /// Numbers are written the Danish way (1.234,5) and right-aligned; dates as dd-MM-yyyy.
    /// </summary>
    public DocxWriter Table(DocumentTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var hasTitle = !string.IsNullOrWhiteSpace(table.Title);
        if (hasTitle)
        {
            _blocks.Add(StyledParagraph("Caption", table.Title));
        }

        var columnWidth = TextWidth / table.Headers.Count;
        var properties = new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                new LeftBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                new BottomBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                new RightBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Space = 0U, Color = "808080" }),
            new TableLayout { Type = TableLayoutValues.Autofit },
            new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = false, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true });
        if (hasTitle)
        {
            properties.Append(new TableCaption { Val = DocumentCell.XmlSafe(table.Title) });
        }

        var grid = new TableGrid();
        for (var c = 0; c < table.Headers.Count; c++)
        {
            grid.Append(new GridColumn { Width = columnWidth.ToString(CultureInfo.InvariantCulture) });
        }

        var result = new Table(properties, grid);
        result.Append(BuildRow(table.Headers, columnWidth, header: true));
        foreach (var row in table.Rows)
        {
            result.Append(BuildRow(row, columnWidth, header: false));
        }

        _blocks.Add(result);
        return this;
    }

    /// <summary>Writes the document to <paramref name="stream"/> and leaves the stream open. Can be called again.</summary>
    public void WriteTo(Stream stream) => PackageOutput.Write(stream, WritePackage);

    private void WritePackage(Stream output)
    {
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        document.PackageProperties.Language = Language;
        if (!string.IsNullOrWhiteSpace(_title))
        {
            document.PackageProperties.Title = DocumentCell.XmlSafe(_title);
        }

        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = BuildStyles();
        main.AddNewPart<NumberingDefinitionsPart>().Numbering = BuildNumbering();

        var body = new Body();
        foreach (var block in _blocks)
        {
            // Cloned so the builder can write the same report more than once.
            body.Append(block.CloneNode(true));
        }

        body.Append(new SectionProperties(
            new PageSize { Width = (uint)PageWidth, Height = (uint)PageHeight },
            new PageMargin { Top = Margin, Right = (uint)Margin, Bottom = Margin, Left = (uint)Margin, Header = 567U, Footer = 567U, Gutter = 0U }));
        main.Document = new Document(body);
    }

    private static Paragraph StyledParagraph(string styleId, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), TextRun(text));

    /// <summary>One run; CR/LF pairs, CR and LF each become a line break.</summary>
    private static Run TextRun(string text, bool bold = false)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        var lines = DocumentCell.XmlSafe(text.ReplaceLineEndings("\n")).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            // Preserve, or Word drops leading and trailing spaces.
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static TableRow BuildRow<T>(IReadOnlyList<T> cells, int columnWidth, bool header)
    {
        // Rows are kept whole across page breaks; the header row is repeated on each page.
        var rowProperties = new TableRowProperties(new CantSplit());
        if (header)
        {
            rowProperties.Append(new TableHeader());
        }

        var row = new TableRow(rowProperties);
        for (var c = 0; c < cells.Count; c++)
        {
            object? value = cells[c];
            var cellProperties = new TableCellProperties(
                new TableCellWidth { Width = columnWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (header)
            {
                cellProperties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9E2F3" });
            }

            var paragraphProperties = new ParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0" });
            if (!header && DocumentCell.IsNumber(value))
            {
                paragraphProperties.Append(new Justification { Val = JustificationValues.Right });
            }

            row.Append(new TableCell(cellProperties, new Paragraph(paragraphProperties, TextRun(DocumentCell.DanishText(value), bold: header))));
        }

        return row;
    }

    private static Styles BuildStyles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", EastAsia = "Calibri", ComplexScript = "Calibri" },
                new FontSize { Val = "22" },
                new FontSizeComplexScript { Val = "22" },
                new Languages { Val = Language })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "160", Line = "259", LineRule = LineSpacingRuleValues.Auto })));

        var normal = new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
        {
            Type = StyleValues.Paragraph,
            StyleId = "Normal",
            Default = true,
        };

        return new Styles(
            defaults,
            normal,
            ParagraphStyle("Title", "Title", uiPriority: 10, spacingBefore: "0", spacingAfter: "240", outlineLevel: null, halfPoints: "56", bold: false, keepNext: false),
            ParagraphStyle("Heading1", "heading 1", uiPriority: 9, spacingBefore: "360", spacingAfter: "120", outlineLevel: 0, halfPoints: "32", bold: true, keepNext: true),
            ParagraphStyle("Heading2", "heading 2", uiPriority: 9, spacingBefore: "240", spacingAfter: "80", outlineLevel: 1, halfPoints: "26", bold: true, keepNext: true),
            ParagraphStyle("Heading3", "heading 3", uiPriority: 9, spacingBefore: "200", spacingAfter: "60", outlineLevel: 2, halfPoints: "24", bold: true, keepNext: true),
            ParagraphStyle("Caption", "caption", uiPriority: 35, spacingBefore: "120", spacingAfter: "60", outlineLevel: null, halfPoints: "20", bold: true, keepNext: true),
            new Style(
                new StyleName { Val = "List Paragraph" },
                new BasedOn { Val = "Normal" },
                new UIPriority { Val = 34 },
                new PrimaryStyle(),
                new StyleParagraphProperties(new Indentation { Left = "720" }, new ContextualSpacing()))
            {
                Type = StyleValues.Paragraph,
                StyleId = "ListParagraph",
            });
    }

    private static Style ParagraphStyle(
        string styleId, string name, int uiPriority, string spacingBefore, string spacingAfter, int? outlineLevel, string halfPoints, bool bold, bool keepNext)
    {
        var paragraph = new StyleParagraphProperties();
        if (keepNext)
        {
            // A heading or caption stays on the page of what it introduces.
            paragraph.Append(new KeepNext(), new KeepLines());
        }

        paragraph.Append(new SpacingBetweenLines { Before = spacingBefore, After = spacingAfter });
        if (outlineLevel is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        var run = new StyleRunProperties();
        if (bold)
        {
            run.Append(new Bold(), new BoldComplexScript());
        }

        run.Append(new Color { Val = "1F3864" }, new FontSize { Val = halfPoints }, new FontSizeComplexScript { Val = halfPoints });

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = uiPriority },
            new PrimaryStyle(),
            paragraph,
            run)
        {
            Type = StyleValues.Paragraph,
            StyleId = styleId,
        };
    }

    private static Numbering BuildNumbering() => new(
        new AbstractNum(
            new MultiLevelType { Val = MultiLevelValues.HybridMultilevel },
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
            {
                LevelIndex = 0,
            })
        {
            AbstractNumberId = 0,
        },
        new NumberingInstance(new AbstractNumId { Val = 0 }) { NumberID = BulletNumberingId });
}
