using Ammeindsats.Core.Documents;

namespace Ammeindsats.Core.Tests.Documents;

public class DocumentTableTests
{
    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_refused_with_its_row_number()
    {
        var error = Assert.Throws<ArgumentException>(() => new DocumentTable("T", ["A", "B"], [[1, 2], [3]]));

        Assert.Contains("Row 2 has 1 cells but the table has 2 columns", error.Message);
    }

    [Fact]
    public void A_cell_of_an_unsupported_type_is_refused_with_its_column()
    {
        var error = Assert.Throws<ArgumentException>(() => new DocumentTable("T", ["Født"], [[new DateTime(2023, 3, 21)]]));

        Assert.Contains("column 'Født'", error.Message);
        Assert.Contains("DateTime", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_number_that_is_not_finite_is_refused(double value) =>
        Assert.Throws<ArgumentException>(() => new DocumentTable("T", ["Andel"], [[value]]));

    [Fact]
    public void A_table_without_columns_is_refused() =>
        Assert.Throws<ArgumentException>(() => new DocumentTable("T", [], []));

    [Fact]
    public void Every_supported_cell_type_is_accepted()
    {
        var table = new DocumentTable("T", ["A", "B", "C", "D", "E", "F", "G"], [[null, "x", 1, 2L, 0.5, 0.5m, new DateOnly(2023, 3, 21)]]);

        Assert.Single(table.Rows);
    }
}
