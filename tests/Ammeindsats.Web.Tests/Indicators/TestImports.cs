using System.Text;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>Test data imported through the real importer, as the installation (the command line without --as).</summary>
public static class TestImports
{
    public static async Task<ImportOutcome> RunAsync(TestApp app, ImportKind kind, string content, bool approve = true, string fileName = "test.csv")
    {
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<IndicatorImporter>();
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var outcome = await importer.RunAsync(kind, file, new ImportActor(null, "installation"), dryRun: false, approve, fileName);
        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems.Select(p => $"row {p.Row} {p.Column}: {p.Message}")));
        return outcome;
    }
}
