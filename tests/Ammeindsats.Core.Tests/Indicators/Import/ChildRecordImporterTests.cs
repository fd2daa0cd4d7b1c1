using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Core.Tests.Indicators.Import;

public class ChildRecordImporterTests
{
    private const string Header = "child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed";

    private static readonly ChildRecordImporter Importer = new(["101", "751", "461"], ["RM-AUH", "RH-RIGS"]);

    /// <summary>The worked example has two disagreeing records of A7 on one date, which only this importer takes.</summary>
    private static readonly ChildRecordImporter LatestRowWinsImporter = new(["101", "751", "461"], ["RM-AUH", "RH-RIGS"]) { LatestRowWins = true };

    /// <summary>Non-zero days as "day:count", e.g. "30:2 60:1", which reads more easily than two arrays.</summary>
    private static string Days(int[] counts) =>
        string.Join(' ', counts.Select((n, day) => (n, day)).Where(x => x.n > 0).Select(x => $"{x.day}:{x.n}"));

    private static ChildCohort Cohort(ChildImportResult result, string area, int year, string breakdown) =>
        Assert.Single(result.Cohorts, c => c.AreaCode == area && c.BirthYear == year && c.Breakdown == breakdown);

    private static readonly string WorkedExample = TestFiles.Lines(
        Header,
        "A1,2023-05-01,2023-01-10,751,RM-AUH,1,30,false",     // line 2: older than line 5
        "A2,2023-06-01,2023-02-01,0751,RM-AUH,2,45,true",     // line 3
        "A3,2023-04-01,2023-03-01,101,,,30,false",            // line 4: later than line 7, so it counts
        "A1,2023-06-15,2023-01-10,751,RM-AUH,1,60,false",     // line 5: A1's latest record
        "A4,15.07.2023,01.03.2022,,rm-auh,3,10,ja",           // line 6: no municipality, born 2022
        "A3,2023-03-01,2023-03-01,101,,,0,true",              // line 7: older, ignored
        "A5,01/07/2023,5-1-2023,751,,1,30,nej",               // line 8
        "A7,2023-08-01,2023-02-01,101,,2,20,false",           // line 9: same date as line 10 ...
        "A7,2023-08-01,2023-02-01,101,,2,25,TRUE");           // line 10: ... so the later row counts (with LatestRowWins)

    [Fact]
    public void TheLargestDayCount_KeepsItsStillFullAndParity_AndALaterRecordStillReplacesAnEarlierOne()
    {
        // Days, still fully breastfed and parity share 16 bits of a child's record; at the 3,650-day
        // limit (all twelve day bits in use) none of them may spill into the others.
        //   M1 2015, 751: first record 10 days; its later record 3650 days, still full, later-born.
        //   M2 2015, 751: 3650 days, ended, first-born.
        //   M3 2015, 101: 0 days, still full, no parity.
        var text = TestFiles.Lines(
            Header,
            "M1,2016-01-01,2015-01-01,751,,2,10,false",
            "M1,2025-01-01,2015-01-01,751,,2,3650,true",
            "M2,2025-01-01,2015-01-01,751,,1,3650,false",
            "M3,2015-01-01,2015-01-01,101,,,0,true");

        var result = Importer.Import(TestFiles.Utf8(text));

        Assert.Empty(result.Problems);
        Assert.Equal(3, result.DistinctChildren);
        Assert.Equal("3650:1", Days(Cohort(result, "751", 2015, "").EndedByDay));
        Assert.Equal("3650:1", Days(Cohort(result, "751", 2015, "").CensoredByDay));
        Assert.Equal("3650:1", Days(Cohort(result, "751", 2015, "parity-1").EndedByDay));
        Assert.Equal("", Days(Cohort(result, "751", 2015, "parity-1").CensoredByDay));
        Assert.Equal("", Days(Cohort(result, "751", 2015, "parity-2plus").EndedByDay));
        Assert.Equal("3650:1", Days(Cohort(result, "751", 2015, "parity-2plus").CensoredByDay));
        Assert.Equal("0:1", Days(Cohort(result, "101", 2015, "").CensoredByDay));
        Assert.Equal("", Days(Cohort(result, "101", 2015, "").EndedByDay));
        Assert.DoesNotContain(result.Cohorts, c => c.AreaCode == "101" && c.Breakdown != "");
    }

    [Fact]
    public void WorkedExample_CountsEachChildOnceByItsLatestRecord()
    {
        // Children as they count:
        //   A1 2023, 751, RM-AUH, parity 1, ended at 60 (line 5)
        //   A2 2023, 751, RM-AUH, parity 2, still full at 45
        //   A3 2023, 101, no site, no parity, ended at 30 (line 4)
        //   A4 2022, no municipality, RM-AUH, parity 3, still full at 10
        //   A5 2023, 751, no site, parity 1, ended at 30
        //   A7 2023, 101, no site, parity 2, still full at 25 (line 10)
        var result = LatestRowWinsImporter.Import(TestFiles.Utf8(WorkedExample));

        Assert.Empty(result.Problems);
        Assert.True(result.Succeeded);
        Assert.Equal(9, result.RowsRead);
        Assert.Equal(6, result.DistinctChildren);

        // DK 2023: A1, A2, A3, A5, A7. Ended: 30 (A3, A5), 60 (A1). Still full: 25 (A7), 45 (A2).
        var dk2023 = Cohort(result, "DK", 2023, "");
        Assert.Equal("30:2 60:1", Days(dk2023.EndedByDay));
        Assert.Equal("25:1 45:1", Days(dk2023.CensoredByDay));
        Assert.Equal(61, dk2023.EndedByDay.Length);
        Assert.Equal(61, dk2023.CensoredByDay.Length);
        Assert.Equal(5, dk2023.Children);
        // First-born: A1, A5. Later-born: A2, A7. A3 has no parity and is only in the total.
        Assert.Equal("30:1 60:1", Days(Cohort(result, "DK", 2023, "parity-1").EndedByDay));
        Assert.Equal("", Days(Cohort(result, "DK", 2023, "parity-1").CensoredByDay));
        Assert.Equal("", Days(Cohort(result, "DK", 2023, "parity-2plus").EndedByDay));
        Assert.Equal("25:1 45:1", Days(Cohort(result, "DK", 2023, "parity-2plus").CensoredByDay));
        Assert.Equal(46, Cohort(result, "DK", 2023, "parity-2plus").EndedByDay.Length);

        // DK 2022: A4 alone, parity 3 counts as 2+.
        Assert.Equal("10:1", Days(Cohort(result, "DK", 2022, "").CensoredByDay));
        Assert.Equal("10:1", Days(Cohort(result, "DK", 2022, "parity-2plus").CensoredByDay));

        // 751 2023: A1, A2 (written 0751), A5.
        Assert.Equal("30:1 60:1", Days(Cohort(result, "751", 2023, "").EndedByDay));
        Assert.Equal("45:1", Days(Cohort(result, "751", 2023, "").CensoredByDay));
        Assert.Equal("30:1 60:1", Days(Cohort(result, "751", 2023, "parity-1").EndedByDay));
        Assert.Equal("45:1", Days(Cohort(result, "751", 2023, "parity-2plus").CensoredByDay));

        // 101 2023: A3 and A7; only A7 has a parity.
        Assert.Equal("30:1", Days(Cohort(result, "101", 2023, "").EndedByDay));
        Assert.Equal("25:1", Days(Cohort(result, "101", 2023, "").CensoredByDay));
        Assert.Equal("25:1", Days(Cohort(result, "101", 2023, "parity-2plus").CensoredByDay));
        Assert.Equal(26, Cohort(result, "101", 2023, "parity-2plus").CensoredByDay.Length);

        // RM-AUH (written rm-auh for A4): A1 and A2 in 2023, A4 in 2022.
        Assert.Equal("60:1", Days(Cohort(result, "RM-AUH", 2023, "").EndedByDay));
        Assert.Equal("45:1", Days(Cohort(result, "RM-AUH", 2023, "").CensoredByDay));
        Assert.Equal("60:1", Days(Cohort(result, "RM-AUH", 2023, "parity-1").EndedByDay));
        Assert.Equal("45:1", Days(Cohort(result, "RM-AUH", 2023, "parity-2plus").CensoredByDay));
        Assert.Equal("10:1", Days(Cohort(result, "RM-AUH", 2022, "").CensoredByDay));
        Assert.Equal("10:1", Days(Cohort(result, "RM-AUH", 2022, "parity-2plus").CensoredByDay));

        // DK 2023 ×3, DK 2022 ×2, 751 ×3, 101 ×2 (no parity-1 child), RM-AUH 2023 ×3, RM-AUH 2022 ×2.
        Assert.Equal(15, result.Cohorts.Count);
        Assert.Equal(
            new HashSet<AreaYear>
            {
                new("DK", 2023), new("DK", 2022), new("751", 2023), new("101", 2023), new("RM-AUH", 2023), new("RM-AUH", 2022),
            },
            result.AreaYears);
        Assert.DoesNotContain(result.Cohorts, c => c.AreaCode == "461" || c.AreaCode == "RH-RIGS");
    }

    [Fact]
    public void LatestRecordWins_WhateverTheOrderInTheFile()
    {
        // The same two records of one child, older first and then newer first: the 2023-06-01 record
        // (ended at 50) counts both times, never the 2023-04-01 one (still full at 20).
        string older = "K,2023-04-01,2023-01-01,751,,1,20,true";
        string newer = "K,2023-06-01,2023-01-01,751,,1,50,false";

        var forward = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, older, newer)));
        var backward = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, newer, older)));

        foreach (var result in new[] { forward, backward })
        {
            Assert.Equal(1, result.DistinctChildren);
            Assert.Equal("50:1", Days(Cohort(result, "DK", 2023, "").EndedByDay));
            Assert.Equal("", Days(Cohort(result, "DK", 2023, "").CensoredByDay));
        }
    }

    [Fact]
    public void SemicolonWindows1252File_WithQuotesAndExtraColumns_Imports()
    {
        // Excel on a Danish PC: semicolons, Windows-1252, a quoted note with a semicolon in it,
        // columns in another order and an extra column that is ignored.
        string text = "note;still_fully_breastfed;full_breastfeeding_days;parity;birth_site;municipality_code;birth_date;record_date;child_id\r\n"
            + "\"Født på Ærø; flyttet\";nej;14;1;RH-RIGS;461;2021-12-30;2022-02-01;bø-1\r\n"
            + "Søskende;ja;90;2;;461;2021-06-01;2021-09-01;bø-2\r\n";

        var result = Importer.Import(TestFiles.Windows1252(text));

        Assert.Empty(result.Problems);
        // 461 in 2021: bø-1 ended at 14 (first-born), bø-2 still full at 90 (later-born).
        Assert.Equal("14:1", Days(Cohort(result, "461", 2021, "").EndedByDay));
        Assert.Equal("90:1", Days(Cohort(result, "461", 2021, "").CensoredByDay));
        Assert.Equal("14:1", Days(Cohort(result, "RH-RIGS", 2021, "parity-1").EndedByDay));
        Assert.Equal(2, result.DistinctChildren);
    }

    [Fact]
    public void Windows1252Letters_AreDecodedInProblemMessages()
    {
        var result = Importer.Import(TestFiles.Windows1252(TestFiles.Lines(Header, "C1,2023-05-01,2023-01-01,Århus,,,10,false")));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, "municipality_code"), (problem.Row, problem.Column));
        Assert.Contains("«Århus»", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8WithBom_FirstColumnIsFound()
    {
        var result = Importer.Import(TestFiles.Utf8WithBom(TestFiles.Lines(Header, "C1,2023-05-01,2023-01-01,101,,,10,false")));

        Assert.Empty(result.Problems);
        Assert.Equal("10:1", Days(Cohort(result, "101", 2023, "").EndedByDay));
    }

    [Fact]
    public void TwoRecordsOfOneChildOnOneDate_ThatDisagree_RefuseTheFileNamingBothRows()
    {
        // Lines 9 and 10 of the worked example: A7 on 2023-08-01 with 20 days ended, then 25 days still full.
        var result = Importer.Import(TestFiles.Utf8(WorkedExample));

        Assert.False(result.Succeeded);
        Assert.Empty(result.Cohorts);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(10, problem.Row);
        Assert.Equal("record_date", problem.Column);
        Assert.Contains("Række 9 og 10", problem.Message, StringComparison.Ordinal);
        Assert.Contains("--latest-row-wins", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoRecordsOfOneChildOnOneDate_ThatAgree_CountTheChildOnce()
    {
        var row = "B1,2023-08-01,2023-02-01,101,RM-AUH,1,20,false";
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, row, row)));

        Assert.Empty(result.Problems);
        Assert.Equal(1, result.DistinctChildren);
        Assert.Equal("20:1", Days(Cohort(result, "101", 2023, "").EndedByDay));
    }

    [Theory]
    [InlineData("B1,2023-08-01,2023-02-01,751,RM-AUH,1,20,false")] // another municipality
    [InlineData("B1,2023-08-01,2023-02-01,101,RH-RIGS,1,20,false")] // another birth site
    [InlineData("B1,2023-08-01,2023-02-01,101,RM-AUH,2,20,false")] // another parity
    [InlineData("B1,2023-08-01,2023-02-01,101,RM-AUH,1,21,false")] // other days
    [InlineData("B1,2023-08-01,2023-02-01,101,RM-AUH,1,20,true")] // still full
    [InlineData("B1,2023-08-01,2022-12-01,101,RM-AUH,1,20,false")] // another birth year
    public void EveryFieldCountsInWhetherTwoSameDateRecordsDisagree(string second)
    {
        var text = TestFiles.Lines(Header, "B1,2023-08-01,2023-02-01,101,RM-AUH,1,20,false", "C1,2023-08-01,2023-02-01,101,,,5,false", second);

        var refused = Importer.Import(TestFiles.Utf8(text));
        var taken = LatestRowWinsImporter.Import(TestFiles.Utf8(text));

        Assert.Equal((4, "Række 2 og 4"), (Assert.Single(refused.Problems).Row, Assert.Single(refused.Problems).Message[..12]));
        Assert.Empty(taken.Problems);
        Assert.Equal(2, taken.DistinctChildren);
    }

    [Fact]
    public void Sha256_IsOfTheFileBytes()
    {
        byte[] bytes = TestFiles.Utf8Bytes(WorkedExample);

        var result = LatestRowWinsImporter.Import(new MemoryStream(bytes));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.FileSha256);
    }

    [Fact]
    public void EveryProblem_IsReportedAtOnceWithRowAndColumn()
    {
        string text = TestFiles.Lines(
            Header,
            ",2023-05-01,2023-01-10,751,,1,30,false",                 // 2: no id
            "B2,2023-13-01,2023-01-10,751,,1,30,false",               // 3: month 13
            "B3,2023-05-01,,751,,1,30,false",                         // 4: no birth date
            "B4,2023-05-01,2023-06-10,751,,1,30,false",               // 5: recorded before birth
            "B5,2023-05-01,2023-01-10,999,,1,30,false",               // 6: unknown municipality
            "B6,2023-05-01,2023-01-10,751,XX-NOPE,1,30,false",        // 7: unknown birth site
            "B7,2023-05-01,2023-01-10,751,,0,30,false",               // 8: parity 0
            "B8,2023-05-01,2023-01-10,751,,1.5,30,false",             // 9: parity not whole
            "B9,2023-05-01,2023-01-10,751,,1,-3,false",               // 10: negative days
            "B10,2023-05-01,2023-01-10,751,,1,4000,false",            // 11: over 3650 days
            "B11,2023-05-01,2023-01-10,751,,1,30,maybe",              // 12: not yes or no
            "B12,2023-05-01,2023-01-10,751,,1,30",                    // 13: a field short
            "B13,2023-05-01,2023-01-10,751,,1,30,false,extra",        // 14: a field too many
            "\"B14\"x,2023-05-01,2023-01-10,751,,1,30,false",         // 15: broken quotes
            "B15,2023-05-01,2023-01-10,999,,abc,30,false",            // 16: two problems in one row
            "B16,2023-05-01,2023-01-10,751,,1,30,false",              // 17: fine
            "B17,2023-05-01,2023-01-10,751,,1,,false",                // 18: no days
            "B18,2023-05-01,2023-01-10,751,,1,30,",                   // 19: no yes or no
            "B19,2023-05-01,2023-01-10,751,,1,30,false,,");           // 20: empty extra fields are fine

        var result = Importer.Import(TestFiles.Utf8(text));

        Assert.Equal(
            [
                (2, "child_id"), (3, "record_date"), (4, "birth_date"), (5, "record_date"), (6, "municipality_code"),
                (7, "birth_site"), (8, "parity"), (9, "parity"), (10, "full_breastfeeding_days"),
                (11, "full_breastfeeding_days"), (12, "still_fully_breastfed"), (13, null), (14, null), (15, null),
                (16, "municipality_code"), (16, "parity"), (18, "full_breastfeeding_days"), (19, "still_fully_breastfed"),
            ],
            result.Problems.Select(p => (p.Row, p.Column)));
        Assert.Empty(result.Cohorts);
        Assert.Empty(result.AreaYears);
        Assert.False(result.Succeeded);
        Assert.Equal(19, result.RowsRead);
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
        Assert.Contains("«999»", result.Problems[4].Message, StringComparison.Ordinal);
        Assert.Contains("3.650", result.Problems[9].Message, StringComparison.Ordinal);
        Assert.Contains("7 felter", result.Problems[11].Message, StringComparison.Ordinal);
        Assert.Contains("9 felter", result.Problems[12].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingColumns_AreEachNamedOnRowOne()
    {
        string header = "child_id,record_date,birth_date,municipality_code,Parity,full_breastfeeding_days,still_fully_breastfed,child_id";

        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(header, "A,2023-05-01,2023-01-10,751,1,30,false,A")));

        Assert.Equal([(1, "child_id"), (1, "birth_site"), (1, "parity")], result.Problems.Select(p => (p.Row, p.Column)));
        Assert.Contains("2 gange", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("\"Parity\"", result.Problems[2].Message, StringComparison.Ordinal);
        Assert.Equal(0, result.RowsRead);
    }

    [Theory]
    [InlineData("010203-1234")]
    [InlineData("3112991234")]
    public void CprNumber_RejectsTheWholeFileWithOneMessage(string cpr)
    {
        string text = TestFiles.Lines(
            Header,
            "ok-1,2023-05-01,2023-01-10,751,,1,30,false",
            "ok-2,2023-05-01,2023-01-10,999,,1,30,false",   // a problem that is not reported: the CPR decides
            $"{cpr},2023-05-01,2023-01-10,751,,1,30,false",
            $"{cpr},2023-05-01,2023-01-10,751,,1,30,false");

        var result = Importer.Import(TestFiles.Utf8(text));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, "child_id"), (problem.Row, problem.Column));
        Assert.Contains("pseudonym", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cpr, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cpr.Replace("-", "", StringComparison.Ordinal), problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(cpr[..6], problem.Message, StringComparison.Ordinal);
        Assert.Empty(result.Cohorts);
        Assert.Equal(0, result.DistinctChildren);
        Assert.Equal(64, result.FileSha256.Length);
    }

    [Theory]
    [InlineData("1234567890")] // 12/34: no such date
    [InlineData("3102991234")] // 31 February
    [InlineData("01020312345")]
    public void TenDigitPseudonymThatIsNoDate_IsAccepted(string id)
    {
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, $"{id},2023-05-01,2023-01-10,751,,1,30,false")));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void ProblemList_StopsAtAThousandAndSaysHowManyMore()
    {
        var text = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < 1200; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"P{i},2023-05-01,2023-01-10,999,,1,30,false\n");
        }

        var result = Importer.Import(TestFiles.Utf8(text.ToString()));

        Assert.Equal(1001, result.Problems.Count);
        Assert.Equal(1001, result.Problems[999].Row);
        var last = result.Problems[^1];
        Assert.Equal((0, null), (last.Row, last.Column));
        Assert.Contains("200 problemer mere", last.Message, StringComparison.Ordinal);
        Assert.Equal(1200, result.RowsRead);
    }

    [Fact]
    public void EmptyFile_SaysSo()
    {
        var result = Importer.Import(new MemoryStream());

        var problem = Assert.Single(result.Problems);
        Assert.Equal(1, problem.Row);
        Assert.Contains("tom", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HeaderOnly_IsAcceptedWithNothingInIt()
    {
        var result = Importer.Import(TestFiles.Utf8(Header + "\r\n"));

        Assert.Empty(result.Problems);
        Assert.Empty(result.Cohorts);
        Assert.Equal(0, result.RowsRead);
    }

    [Fact]
    public void RowsOfOnlyDelimiters_AreSkipped()
    {
        var result = Importer.Import(TestFiles.Utf8(TestFiles.Lines(Header, ",,,,,,,", "A,2023-05-01,2023-01-10,751,,1,30,false", " , ,,,,,,")));

        Assert.Empty(result.Problems);
        Assert.Equal(1, result.RowsRead);
    }

    [Fact]
    public void MixedEncodings_BecomeAProblemOnTheLine()
    {
        byte[] bytes =
        [
            .. TestFiles.Utf8Bytes(TestFiles.Lines(Header, "Æ1,2023-05-01,2023-01-10,751,,1,30,false")),
            .. TestFiles.Windows1252Encoding.GetBytes("Ø2,2023-05-01,2023-01-10,751,,1,30,false\n"),
        ];

        var result = Importer.Import(new MemoryStream(bytes));

        var problem = Assert.Single(result.Problems);
        Assert.Equal((3, null), (problem.Row, problem.Column));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), result.FileSha256);
    }

    [Fact]
    public void ManyChildren_WithRepeatedRecords_CountOnce()
    {
        // 100,000 children, each with an older record (still full at day 1) written after the
        // newer one (ended at day i % 200). 100,000 / 200 = 500 children end on each day 0–199.
        var text = new StringBuilder(Header).Append('\n');
        for (int i = 0; i < 100_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"child-{i},2023-09-01,2023-01-10,751,,,{i % 200},false\n");
            text.Append(CultureInfo.InvariantCulture, $"child-{i},2023-02-01,2023-01-10,751,,,1,true\n");
        }

        var result = Importer.Import(TestFiles.Utf8(text.ToString()));

        Assert.Empty(result.Problems);
        Assert.Equal(200_000, result.RowsRead);
        Assert.Equal(100_000, result.DistinctChildren);
        var dk = Cohort(result, "DK", 2023, "");
        Assert.Equal(Enumerable.Repeat(500, 200), dk.EndedByDay);
        Assert.All(dk.CensoredByDay, n => Assert.Equal(0, n));
    }

    [Fact]
    public void ImpossibleRows_AreRefusedWithRowAndColumn_AndTheWholeFileWithThem()
    {
        var importer = new ChildRecordImporter(["751"], ["RM-AUH"], today: new DateOnly(2026, 12, 2));
        string text = TestFiles.Lines(
            Header,
            // Still fully breastfed at 200 days, recorded at 31 days of age (2026-03-01 to 2026-04-01).
            "x1,2026-04-01,2026-03-01,751,,1,200,true",
            // Born in 2029.
            "x2,2029-09-01,2029-03-01,751,,1,10,false",
            // Exactly as old as the days: accepted.
            "x3,2026-04-01,2026-03-01,751,,1,31,true",
            // Recorded tomorrow: within the day of slack for Danish time.
            "x4,2026-12-03,2026-11-01,751,,1,20,true",
            // Recorded the day after tomorrow: refused.
            "x5,2026-12-04,2026-11-01,751,,1,20,true");

        var result = importer.Import(TestFiles.Utf8(text));

        Assert.Equal([(2, "full_breastfeeding_days"), (3, "birth_date"), (6, "record_date")], result.Problems.Select(p => (p.Row, p.Column)));
        Assert.Contains("(31 dage fra fødselsdatoen til registreringsdatoen)", result.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("01-03-2029 ligger i fremtiden", result.Problems[1].Message, StringComparison.Ordinal);
        Assert.Empty(result.Cohorts);
    }
}
