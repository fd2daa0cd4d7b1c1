using Ammeindsats.Core.Documents;
using Microsoft.AspNetCore.Mvc;

namespace Ammeindsats.Web.Features.Shared;

/// <summary>A table as a CSV file for Danish Excel.</summary>
public static class TableExport
{
    public static FileContentResult Csv(string fileName, string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var table = new DocumentTable(title, headers, rows.ToList());
        using var buffer = new MemoryStream();
        CsvWriter.Write(buffer, table, CsvDialect.Excel);
        return new FileContentResult(buffer.ToArray(), CsvWriter.ContentType) { FileDownloadName = fileName + CsvWriter.FileExtension };
    }
}
