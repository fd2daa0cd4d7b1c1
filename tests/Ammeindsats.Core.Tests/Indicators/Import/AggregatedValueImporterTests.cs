using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Core.Tests.Indicators.Import;

public class AggregatedValueImporterTests
{
    private const string Header = "indicator,area,period,breakdown,numerator,denominator";

    private static readonly AggregatedValueImporter Importer = new(
        ["full_bf_2w", "full_bf_4m"],
        ["DK", "1082", "751", "101", "RM-AUH", "RM-AARHUS"]);

    [Fact]
    public void GoodFile_GivesOneValuePerRow_WithCodesAsTheAppKnowsThem()
    {
        string text = TestFiles.Lines(
            Header,
            "full_bf_4m,DK,2023,,550,1000",
            "full_bf_4m,0751,2023H1,parity-1,40,90",
            "FULL_BF_4M,rm-auh,2023q2,,10,10",
            "full_bf_2w,1082,2023-05, ,0,0");

        var result = Importer.Import(TestFiles.Utf8(text));

        Assert.Empty(result.Problems);
        Assert.Equal(4, result.RowsRead);
        Assert.Equal(
            [
                new AggregatedValue(2, "full_bf_4m", "DK", Period.OfYear(2023), "", 550, 1000),
                new AggregatedValue(3, "full_bf_4m", "751", Period.OfHalf(2023, 1), "parity-1", 40, 90),
                new AggregatedValue(4, "full_bf_4m", "RM-AUH", Period.OfQuarter(2023, 2), "", 10, 10),
                new AggregatedValue(5, "full_bf_2w", "1082", Period.OfMonth(2023, 5), "", 0, 0),
            ],
            result.Values);
    }

    [Fact]
    public void SemicolonWindows1252File_Imports()
    {
        string text = "indicator;area;period;breakdown;numerator;denominator;kommentar\r\n"
            + "full_bf_4m;751;2023;;12;20;Århus, første halvår med ny praksis\r\n";

        var result = Importer.Import(TestFiles.Windows1252(text));

        Assert.Empty(result.Problems);
        Assert.Equal(new AggregatedValue(2, "full_bf_4m", "751", Period.OfYear(2023), "", 12, 20), Assert.Single(result.Values));
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnceWithRowAndColumn()
    {
        string text = TestFiles.Lines(
            Header,
            "full_bf_6m,DK,2023,,1,2",          // 2: unknown indicator
            "full_bf_4m,Aarhus,2023,,1,2",      // 3: unknown area
            "full_bf_4m,DK,2023Q5,,1,2",        // 4: bad period
            "full_bf_4m,DK,2023,,-1,2",         // 5: negative numerator
            "full_bf_4m,DK,2021,,1,10.5",       // 6: denominator not whole
            "full_bf_4m,DK,2023H2,,12,10",      // 7: numerator above denominator
            "full_bf_4m,DK,2022,,1,2",          // 8: fine ...
            "full_bf_4m,dk,2022,,3,4",          // 9: ... but the same key again
            ",,,,,",                            // 10: empty, skipped
            ",DK,,,,2",                         // 11: indicator, period, numerator missing
            "full_bf_4m,DK,2022,parity-1,1,2"); // 12: another breakdown is another key

        var result = Importer.Import(TestFiles.Utf8(text));

        Assert.Equal(
            [
                (2, "indicator"), (3, "area"), (4, "period"), (5, "numerator"), (6, "denominator"), (7, "numerator"),
                (9, null), (11, "indicator"), (11, "period"), (11, "numerator"),
            ],
            result.Problems.Select(p => (p.Row, p.Column)));
        Assert.Contains("række 8", result.Problems[6].Message, StringComparison.Ordinal);
        Assert.Contains("Række 9", result.Problems[6].Message, StringComparison.Ordinal);
        Assert.Contains("«full_bf_6m»", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("(12)", result.Problems[5].Message, StringComparison.Ordinal);
        Assert.Empty(result.Values);
        Assert.Equal(10, result.RowsRead);
    }

    [Fact]
    public void SameKeyWrittenDifferently_IsStillADuplicate()
    {
        // 0751 and 751 are one municipality; 2023q1 and 2023Q1 are one quarter.
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, "full_bf_4m,751,2023Q1,,1,2", "full_bf_4m,0751,2023q1,,1,2")));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Row);
    }

    [Fact]
    public void MissingColumns_AreEachNamedOnRowOne()
    {
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines("indicator,area,period,numerator", "full_bf_4m,DK,2023,1")));

        Assert.Equal([(1, "breakdown"), (1, "denominator")], result.Problems.Select(p => (p.Row, p.Column)));
    }

    [Fact]
    public void TabSeparatedFile_GetsOneProblemThatNamesTheSeparator_NotOnePerColumn()
    {
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header.Replace(',', '\t'), "full_bf_4m\tDK\t2023\t\t550\t1000")));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Row);
        Assert.Contains("adskilt med tabulator", problem.Message, StringComparison.Ordinal);
        Assert.Contains("indicator, area, period, breakdown, numerator, denominator", problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void APeriodNotYetBegun_IsRefusedWithRowAndColumn_AsOnTheEntryPage()
    {
        var importer = new AggregatedValueImporter(["full_bf_4m"], ["DK", "1082", "751"], today: new DateOnly(2026, 12, 6));
        string text = TestFiles.Lines(
            Header,
            "full_bf_4m,751,2026,,1,2",      // 2: the current year has begun
            "full_bf_4m,751,2026-12,,1,2",   // 3: so has the current month
            "full_bf_4m,751,2027,,1,2",      // 4: next year has not
            "full_bf_4m,751,2027Q1,,1,2");   // 5: nor has its first quarter

        var result = importer.Import(TestFiles.Utf8(text));

        Assert.Equal([(4, "period"), (5, "period")], result.Problems.Select(p => (p.Row, p.Column)));
        Assert.Equal("Perioden 2027 er ikke begyndt endnu (den begynder 1. januar 2027).", result.Problems[0].Message);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void WithoutToday_NoPeriodIsTooLate()
    {
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, "full_bf_4m,751,2999,,1,2")));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void AnUnknownBreakdown_IsRefusedWithRowAndColumn_AndKnownOnesAreReadWithoutRegardToCase()
    {
        string text = TestFiles.Lines(
            Header,
            "full_bf_4m,751,2023,PARITY-1,1,2",  // 2: first-born, however written
            "full_bf_4m,751,2023,parity-2plus,1,2",
            "full_bf_4m,751,2023,firstborn,1,2"); // 4: not a breakdown

        var result = Importer.Import(TestFiles.Utf8(text));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, "breakdown"), (problem.Row, problem.Column));
        Assert.Equal("Opdelingen «firstborn» findes ikke. Skriv tomt for alle børn, parity-1 for førstegangsfødende eller parity-2plus for flergangsfødende.", problem.Message);

        var accepted = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, "full_bf_4m,751,2023,PARITY-1,1,2")));
        Assert.Equal("parity-1", Assert.Single(accepted.Values).Breakdown);
    }

    [Fact]
    public void AFile_MayCarryRegionAndNationalFigures()
    {
        // Already counted national figures include children no municipality reported, so they are not the sum of
        // the municipalities: a file may carry them, unlike a hand-entered cell.
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, "full_bf_4m,DK,2023,,550,1000", "full_bf_4m,1082,2023,,100,200")));

        Assert.Empty(result.Problems);
        Assert.Equal(["DK", "1082"], result.Values.Select(v => v.AreaCode));
    }
}
