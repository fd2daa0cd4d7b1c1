using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>A file first imported as drafts and then again, unchanged, with approval approves those drafts.</summary>
public sealed class ApproveOnReimportTests
{
    private const string Values =
        "indicator,area,period,breakdown,numerator,denominator\n" +
        "fuldamning-2uger,751,2008,,60,100\n" +
        "fuldamning-2uger,730,2008,,30,50\n";

    // Three children born 2008 in Aarhus: one ended on day 20, one on day 3, one still breastfed on day 40.
    private const string Children =
        "child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed\n" +
        "g-1,2008-09-01,2008-03-01,751,,1,20,false\n" +
        "g-2,2008-09-01,2008-04-01,751,,2,3,false\n" +
        "g-3,2008-09-01,2008-05-01,751,,,40,true\n";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task IdenticalFile_WithApproval_ApprovesTheDrafts_AndAThirdRunChangesNothing(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        using var app = TestApp.Create(provider);
        _ = app.Server;

        var draft = await TestImports.RunAsync(app, ImportKind.IndicatorValues, Values, approve: false);
        Assert.Equal((2, 0, 0), (draft.Inserted, draft.Updated, draft.Unchanged));
        var approved = await TestImports.RunAsync(app, ImportKind.IndicatorValues, Values, approve: true);
        Assert.Equal((0, 2, 0), (approved.Inserted, approved.Updated, approved.Unchanged));
        var again = await TestImports.RunAsync(app, ImportKind.IndicatorValues, Values, approve: true);
        Assert.Equal((0, 0, 2), (again.Inserted, again.Updated, again.Unchanged));

        // Cohorts: 751/2008 total, parity-1 and parity-2plus (the third child has no parity), and DK's three.
        var cohortsDraft = await TestImports.RunAsync(app, ImportKind.ChildRecords, Children, approve: false);
        Assert.Equal(6, cohortsDraft.Inserted);
        var cohortsApproved = await TestImports.RunAsync(app, ImportKind.ChildRecords, Children, approve: true);
        Assert.Equal((0, 6, 0), (cohortsApproved.Inserted, cohortsApproved.Updated, cohortsApproved.Unchanged));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
        Assert.All(await db.IndicatorValues.Where(v => v.Period == "2008").ToListAsync(), v => Assert.Equal(ValueStatus.Approved, v.Status));
        Assert.All(await db.BirthCohorts.Where(c => c.BirthYear == 2008).ToListAsync(), c => Assert.Equal(ValueStatus.Approved, c.Status));
    }
}
