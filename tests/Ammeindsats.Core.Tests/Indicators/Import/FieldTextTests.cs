using System.Text;
using Ammeindsats.Core.Common;
using Ammeindsats.Core.Indicators.Import;

namespace Ammeindsats.Core.Tests.Indicators.Import;

public class FieldTextTests
{
    public static TheoryData<string> DateTexts =>
    [
        "2023-03-21", "21-03-2023", "21.03.2023", "21/03/2023", "1-3-2023", "01.3.2023", "1/03/2023",
        " 2023-03-21 ", "\t21-03-2023", "2024-02-29", "2023-02-29", "29.02.2024", "29.02.2023", "31-04-2023",
        "2023-3-21", "2023-03-1", "2023/03/21", "2023.03.21", "21-03.2023", "21/03-2023", "21-03-23",
        "021-03-2023", "21-003-2023", "21-03-02023", "0000-01-01", "0001-01-01", "9999-12-31", "00-01-2023",
        "01-00-2023", "32-01-2023", "2023-00-10", "2023-13-10", "", " ", "2023-03-21T00:00", "21-03-2023 x",
        "2023-03-21x", "+2023-03-21", "-1-03-2023", "2O23-03-21", "１-03-2023", "21--2023", "--2023",
        "21-03-", "2023", "20230321", "21032023", "12-12-1212", "1.1.2000", "31/12/1999",
    ];

    [Theory]
    [MemberData(nameof(DateTexts))]
    public void TryParseDate_AgreesWithDanishFormat(string text)
    {
        bool expected = DanishFormat.TryParseDate(text, out var expectedDate);

        bool actual = FieldText.TryParseDate(text, out var actualDate);

        Assert.Equal(expected, actual);
        Assert.Equal(expectedDate, actualDate);
    }

    [Fact]
    public void TryParseDate_AgreesWithDanishFormat_OnEveryShortShape()
    {
        // Every string of up to 10 characters built from pieces a date could be made of.
        string[] pieces = ["1", "01", "12", "29", "31", "2", "02", "2023", "2024", "-", ".", "/"];
        var texts = new List<string> { "" };
        for (int length = 0; length < 5; length++)
        {
            texts = texts.SelectMany(t => pieces.Select(p => t + p)).Where(t => t.Length <= 10).Distinct().ToList();
            foreach (string text in texts)
            {
                bool expected = DanishFormat.TryParseDate(text, out var expectedDate);
                Assert.True(expected == FieldText.TryParseDate(text, out var actualDate), text);
                Assert.Equal(expectedDate, actualDate);
            }
        }
    }

    [Theory]
    [InlineData("0101901234", true)]
    [InlineData("010190-1234", true)]
    [InlineData(" 3112991234 ", true)]
    [InlineData("2902001234", true)] // 29 February 2000
    [InlineData("2902011234", false)] // no 29 February in '01
    [InlineData("3104991234", false)] // April has 30 days
    [InlineData("0113991234", false)] // month 13
    [InlineData("0001991234", false)] // day 0
    [InlineData("1234567890", false)] // month 34
    [InlineData("010190123", false)] // nine digits
    [InlineData("01019012345", false)] // eleven digits
    [InlineData("010190 1234", false)]
    [InlineData("P-010190123", false)]
    [InlineData("a7c19e2f3b", false)]
    public void LooksLikeCpr(string text, bool expected) => Assert.Equal(expected, FieldText.LooksLikeCpr(text));

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("Ja", true)]
    [InlineData(" ja ", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("NEJ", false)]
    public void TryParseYesNo_Accepts(string text, bool expected)
    {
        Assert.True(FieldText.TryParseYesNo(text, out bool value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("j")]
    [InlineData("sand")]
    public void TryParseYesNo_Refuses(string text) => Assert.False(FieldText.TryParseYesNo(text, out _));

    [Theory]
    [InlineData("0", 0)]
    [InlineData("007", 7)]
    [InlineData(" 42 ", 42)]
    [InlineData("999999999", 999_999_999)]
    public void TryParseCount_Accepts(string text, int expected)
    {
        Assert.True(FieldText.TryParseCount(text, out int value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("1,5")]
    [InlineData("1.000")]
    [InlineData("1e3")]
    [InlineData("1000000000")]
    public void TryParseCount_Refuses(string text) => Assert.False(FieldText.TryParseCount(text, out _));

    [Theory]
    // Published values for MurmurHash3 x64 128 of these UTF-8 strings with these seeds (h1, h2).
    [InlineData("hell", 0u, 0x629942693e10f867UL, 0x92db0b82baeb5347UL)]
    [InlineData("hello", 1u, 0xa78ddff5adae8d10UL, 0x128900ef20900135UL)]
    [InlineData("hello ", 2u, 0x8a486b23f422e826UL, 0xf962a2c58947765fUL)]
    [InlineData("hello w", 3u, 0x2ea59f466f6bed8cUL, 0xc610990acc428a17UL)]
    [InlineData("hello wo", 4u, 0x79f6305a386c572cUL, 0x46305aed3483b94eUL)]
    [InlineData("hello wor", 5u, 0xc2219d213ec1f1b5UL, 0xa1d8e2e0a52785bdUL)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0u, 0xe34bbc7bbc071b6cUL, 0x7a433ca9c49a9347UL)]
    [InlineData("The quick brown fox jumps over the lazy cog", 0u, 0x658ca970ff85269aUL, 0x43fee3eaa68e5c3eUL)]
    public void ChildIdHash_IsMurmur3(string text, uint seed, ulong low, ulong high) =>
        Assert.Equal((low, high), ChildIdHash.Murmur3(Encoding.UTF8.GetBytes(text), seed));
}
