using Ammeindsats.Core.Common;

namespace Ammeindsats.Core.Tests.Common;

public class DanishFormatTests
{
    [Fact]
    public void TableDate_WritesDayMonthYearWithDashes() =>
        Assert.Equal("21-03-2023", DanishFormat.TableDate(new DateOnly(2023, 3, 21)));

    [Fact]
    public void TextDate_WritesMonthNameInDanish() =>
        Assert.Equal("21. marts 2023", DanishFormat.TextDate(new DateOnly(2023, 3, 21)));

    [Theory]
    [InlineData("2023-03-21")]
    [InlineData("21-03-2023")]
    [InlineData("21.03.2023")]
    [InlineData("21/03/2023")]
    public void TryParseDate_AcceptsTheFourWrittenForms(string text)
    {
        Assert.True(DanishFormat.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(2023, 3, 21), date);
    }

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("marts 2023")]
    [InlineData("")]
    public void TryParseDate_RefusesWhatIsNotADate(string text) =>
        Assert.False(DanishFormat.TryParseDate(text, out _));

    [Theory]
    [InlineData(51.1, 1, "51,1")]
    [InlineData(1234.5, 1, "1.234,5")]
    [InlineData(0.05, 2, "0,05")]
    public void Number_UsesDecimalComma(double value, int decimals, string expected) =>
        Assert.Equal(expected, DanishFormat.Number(value, decimals));
}
