using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators.Import;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// A web import whose server stopped mid-run is shown as failed, with the reason, at the next start (SQLite runs one
/// node) or when its lease runs out (PostgreSQL, where another node may still be applying it); its kept upload can be
/// checked and confirmed again.
/// </summary>
public sealed class HardeningImportRunTests
{
    private const string File = "indicator,area,period,breakdown,numerator,denominator\nfuldamning-4mdr,727,2002,,41,80\n";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task RunLeftRunningByAStoppedServer_IsShownFailedWithItsReason_AndCanBeCheckedAgainAndConfirmed(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        using var first = TestApp.Create(provider);
        var uploader = await first.LoginAsync(DemoUsers.Secretariat);
        var left = ImportPageTests.RunId(await ImportPageTests.UploadAsync(uploader, ImportKinds.IndicatorValues, File, "odder-2002.csv", approve: false));
        var held = ImportPageTests.RunId(await ImportPageTests.UploadAsync(uploader, ImportKinds.IndicatorValues, File, "odder-2002-b.csv", approve: false));

        // As a node leaves them when it is killed after confirming: running, at 51 %, with the lease it took.
        // The first node's lease has run out; the second's still holds.
        var now = DateTimeOffset.UtcNow;
        await SetRunningAsync(first, left, now.AddSeconds(-1));
        await SetRunningAsync(first, held, now.AddMinutes(2));

        using var second = first.Restarted();
        _ = second.Server;
        Assert.Equal(ImportRunState.Failed, await WaitForStateAsync(second, left, ImportRunState.Failed));
        if (provider == DatabaseProvider.Postgres)
        {
            // Another node may still be applying a run whose lease holds, so it stays running until the lease runs out.
            await Task.Delay(1000);
            Assert.Equal(ImportRunState.Running, await StateAsync(second, held));
            await SetRunningAsync(first, held, DateTimeOffset.UtcNow.AddSeconds(-1));
        }

        var client = await second.LoginAsync(DemoUsers.Secretariat);
        var page = await Pages.GetAsync(client, $"/indikatorer/import/{held}");
        Assert.Equal("Afbrudt", page.QuerySelector("#run-state").Text());
        Assert.Contains("Importen blev afbrudt, fordi serveren stoppede", page.QuerySelector("#interrupted").Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[hx-get]"));

        page = await Pages.GetAsync(client, $"/indikatorer/import/{left}");
        Assert.Contains("Intet er ændret", page.QuerySelector("#interrupted").Text(), StringComparison.Ordinal);
        var checkedAgain = await Pages.SubmitAndFollowAsync(client, page, "#retry");
        Assert.True(checkedAgain.QuerySelector("#inserted") is not null, checkedAgain.QuerySelector("main").Text());
        Assert.Equal("1", checkedAgain.QuerySelector("#inserted").Text());
        await Pages.SubmitAsync(client, checkedAgain, "#confirm");
        var done = await ImportPageTests.WaitUntilFinishedAsync(second, client, $"/indikatorer/import/{left}");
        Assert.Equal("Importeret", done.QuerySelector("#run-state").Text());

        await using var db = second.NewDbContext();
        var odder = await db.IndicatorValues.AsNoTracking().SingleAsync(v => v.AreaCode == "727" && v.Period == "2002" && v.IndicatorCode == "fuldamning-4mdr" && v.Breakdown == "");
        Assert.Equal((41, 80), (odder.Numerator, odder.Denominator));
    }

    private static async Task SetRunningAsync(TestApp app, Guid id, DateTimeOffset leaseUntil)
    {
        await using var db = app.NewDbContext();
        await db.ImportRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, ImportRunState.Running)
            .SetProperty(r => r.Percent, 51)
            .SetProperty(r => r.LeaseUntil, leaseUntil));
    }

    private static async Task<ImportRunState> StateAsync(TestApp app, Guid id)
    {
        await using var db = app.NewDbContext();
        return await db.ImportRuns.AsNoTracking().Where(r => r.Id == id).Select(r => r.State).SingleAsync();
    }

    /// <summary>Polls the database without showing the page, so that only the start's own sweep can change the run.</summary>
    private static async Task<ImportRunState> WaitForStateAsync(TestApp app, Guid id, ImportRunState wanted)
    {
        var state = await StateAsync(app, id);
        for (var i = 0; i < 100 && state != wanted; i++)
        {
            await Task.Delay(100);
            state = await StateAsync(app, id);
        }

        return state;
    }
}
