using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Seeding;
using Ammeindsats.Data;
using Ammeindsats.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators.Workflow;

/// <summary>Demo: two invented targets, so the target list shows on track and off track from the demo cohorts.</summary>
public sealed class TargetSeeder : IModuleSeeder
{
    public const string DemoNote = "Demodata: opfundet mål";

    // After the indicator catalogue and the demo cohorts (100).
    public int Order => 110;

    public async Task SeedAsync(AmmeindsatsDbContext db, SeedKind kind, SeedReport report, CancellationToken ct)
    {
        if (kind != SeedKind.Demo || await db.IndicatorTargets.AnyAsync(ct))
        {
            return;
        }

        var known = (await db.Indicators.Select(i => i.Code).ToListAsync(ct)).ToHashSet();
        IndicatorTarget[] targets =
        [
            new() { IndicatorCode = "fuldamning-2uger", AreaCode = "1082", BaselineYear = 2022, BaselineValue = 80, TargetYear = 2027, TargetValue = 85, Note = DemoNote },
            new() { IndicatorCode = "fuldamning-6mdr", AreaCode = "751", BaselineYear = 2022, BaselineValue = 12, TargetYear = 2030, TargetValue = 30, Note = DemoNote },
        ];
        var areas = (await db.Areas.Select(a => a.Code).ToListAsync(ct)).ToHashSet();
        var added = targets.Where(t => known.Contains(t.IndicatorCode) && areas.Contains(t.AreaCode)).ToList();
        db.IndicatorTargets.AddRange(added);
        await db.SaveChangesAsync(ct);
        report.Add($"Demodata for mål: {added.Count} opfundne mål.");
    }
}
