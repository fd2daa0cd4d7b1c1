using System.Net;
using Ammeindsats.Core.Access;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators.Import;
using Ammeindsats.Web.Tests.Administration;
using Ammeindsats.Web.Tests.Indicators;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Security;

/// <summary>
/// Approving through an import is approving: it needs the right to approve each cell's area, on the page and on
/// the command line alike. The check before confirming lists every cell it would change, old and new.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class HardeningApprovalTests(TestApps apps)
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ReporterForAnAreaWithSecretariatElsewhere_CannotPublishThatAreaByImportingWithApproval(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        // Reporter for Aarhus (751) and secretariat for Region Sjælland (1085): may approve there, not in Aarhus.
        var (userId, email) = await Pages.CreateUserAsync(app, Role.Reporter, "751", "godkend");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            db.UserGrants.Add(new UserGrant { UserId = userId, Role = Role.Secretariat, AreaCode = "1085" });
            await db.SaveChangesAsync();
        }

        const string file = "indicator,area,period,breakdown,numerator,denominator\nfuldamning-6mdr,751,2003,,33,66\n";
        var client = await app.LoginAsync(email, Pages.Password);
        Assert.NotNull((await Pages.GetAsync(client, "/indikatorer/import")).QuerySelector("#Approve"));
        var check = await Pages.GetAsync(client, await ImportPageTests.UploadAsync(client, ImportKinds.IndicatorValues, file, "aarhus-2003.csv", approve: true));

        var problem = Assert.Single(check.QuerySelectorAll("#problems tbody tr"));
        Assert.Equal("2", problem.QuerySelectorAll("td")[0].Text());
        Assert.Contains("Du må ikke godkende tal for", problem.Text(), StringComparison.Ordinal);
        Assert.Contains("(751)", problem.Text(), StringComparison.Ordinal);
        Assert.Null(check.QuerySelector("#confirm"));

        var path = CommandLineProcess.WriteFile("aarhus-2003.csv", file);
        var cli = await CommandLineProcess.RunAsync(app, "import", "indicator-values", path, "--approve", "--as", email);
        Assert.True(cli.ExitCode == 2, cli.ToString());
        Assert.Contains("Du må ikke godkende tal for", cli.StandardError, StringComparison.Ordinal);

        await using var read = app.NewDbContext();
        Assert.False(await read.IndicatorValues.AnyAsync(v => v.AreaCode == "751" && v.Period == "2003"));
        var anonymous = await app.NewClient().GetStringAsync("/api/v1/indicators/fuldamning-6mdr/values?area=751&period=2003");
        Assert.DoesNotContain("\"numerator\":33", anonymous, StringComparison.Ordinal);

        // Without approval the same user may still send the figures in as drafts for someone else to approve.
        var draft = await Pages.GetAsync(client, await ImportPageTests.UploadAsync(client, ImportKinds.IndicatorValues, file, "aarhus-2003.csv", approve: false));
        Assert.Empty(draft.QuerySelectorAll("#problems tbody tr"));
        Assert.NotNull(draft.QuerySelector("#confirm"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ReimportOfAnApprovedYear_FromThePage_ShowsEachChangedCellBeforeConfirming(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        const string header = "indicator,area,period,breakdown,numerator,denominator\n";
        var first = await ImportPageTests.UploadAsync(secretariat, ImportKinds.IndicatorValues, header + "fuldamning-4mdr,727,2003,,60,100\nfuldamning-4mdr,727,2003,parity-1,25,40\n", "odder-2003.csv", approve: true);
        await Pages.SubmitAsync(secretariat, await Pages.GetAsync(secretariat, first), "#confirm");
        Assert.Equal("Importeret", (await ImportPageTests.WaitUntilFinishedAsync(app, secretariat, first)).QuerySelector("#run-state").Text());

        // A corrected file: the total changes, first-borns (parity-1) stay, later-borns (parity-2plus) are new.
        const string corrected = header + "fuldamning-4mdr,727,2003,,62,100\nfuldamning-4mdr,727,2003,parity-1,25,40\nfuldamning-4mdr,727,2003,parity-2plus,37,60\n";

        // Without approval the refusal names the row, the area by name, and the old and new value.
        var refused = await Pages.GetAsync(secretariat, await ImportPageTests.UploadAsync(secretariat, ImportKinds.IndicatorValues, corrected, "odder-2003-rettet.csv", approve: false));
        var rows = refused.QuerySelectorAll("#problems tbody tr").Select(r => r.Text()).ToList();
        Assert.Contains(rows, r => r.StartsWith('2') && r.Contains("Odder", StringComparison.Ordinal) && r.Contains("60/100 (60,0 %)", StringComparison.Ordinal) && r.Contains("62/100 (62,0 %)", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Godkend ved import", StringComparison.Ordinal));

        var check = await Pages.GetAsync(secretariat, await ImportPageTests.UploadAsync(secretariat, ImportKinds.IndicatorValues, corrected, "odder-2003-rettet.csv", approve: true));
        var cells = check.QuerySelectorAll("#changed-cells tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.Text()).ToList()).ToList();
        Assert.Equal(2, cells.Count);
        var total = Assert.Single(cells, c => c[3] == "total");
        Assert.Contains("(727)", total[0], StringComparison.Ordinal);
        Assert.Equal(["fuldamning-4mdr", "2003", "60/100 (60,0 %)", "62/100 (62,0 %)", "Godkendt"], total.Skip(1).Where((_, i) => i != 2).ToList());
        var laterborn = Assert.Single(cells, c => c[3] == "parity-2plus");
        Assert.Equal(["(ny)", "37/60 (61,7 %)", "Godkendt"], laterborn.Skip(4).ToList());
        Assert.Equal("1", check.QuerySelector("#inserted").Text());
        Assert.Equal("1", check.QuerySelector("#updated").Text());

        var csv = await secretariat.GetStringAsync(check.Url.Replace("http://localhost", string.Empty, StringComparison.Ordinal) + "?handler=ChangesCsv");
        Assert.Contains("727;", csv, StringComparison.Ordinal);
        Assert.Contains("60/100 (60,0 %);62/100 (62,0 %);Godkendt;Godkendt", csv, StringComparison.Ordinal);

        await Pages.SubmitAsync(secretariat, check, "#confirm");
        Assert.Equal("Importeret", (await ImportPageTests.WaitUntilFinishedAsync(app, secretariat, check.Url.Replace("http://localhost", string.Empty, StringComparison.Ordinal))).QuerySelector("#run-state").Text());
        await using var db = app.NewDbContext();
        var odder = await db.IndicatorValues.AsNoTracking().SingleAsync(v => v.AreaCode == "727" && v.Period == "2003" && v.Breakdown == "" && v.IndicatorCode == "fuldamning-4mdr");
        Assert.Equal((62, ValueStatus.Approved), (odder.Numerator, odder.Status));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task FourEyes_WhoeverSubmittedAFigureCannotApproveIt_AnotherApproverCan(DatabaseProvider provider)
    {
        var app = apps.Get(provider);
        var secretariat = await app.LoginAsync(DemoUsers.Secretariat);
        var entry = await Pages.GetAsync(secretariat, "/indikatorer/indberet");
        var saved = await Pages.SubmitAndFollowAsync(secretariat, entry, "main form button.button-primary", new()
        {
            ["indikator"] = "fuldamning-4mdr",
            ["omraade"] = "727",
            ["periode"] = "2016-08",
            ["opdeling"] = string.Empty,
            ["taeller"] = "61",
            ["naevner"] = "90",
        });
        if (saved.QuerySelector("#history-warning") is not null)
        {
            // Far from the area's earlier figures (other tests add some): confirmed, as a user would.
            saved = await Pages.SubmitAndFollowAsync(secretariat, saved, "main form button.button-primary", new() { ["bekraeftet"] = "61/90" });
        }

        Assert.Contains("er gemt som kladde", saved.Text(), StringComparison.Ordinal);
        const string list = "/indikatorer/godkendelse?omraade=727&periode=2016-08";
        var submitted = await Pages.SubmitAndFollowAsync(secretariat, await Pages.GetAsync(secretariat, list), "main form[action*='handler=Submit'] button");
        Assert.Contains("1 tal er indsendt", submitted.Text(), StringComparison.Ordinal);

        // The submitter is offered no approve button, and a forged approval is refused with the reason.
        var own = await Pages.GetAsync(secretariat, list);
        Assert.Null(own.QuerySelector("button.approve-button"));
        Assert.Contains("en anden skal godkende", own.QuerySelector(".four-eyes-note").Text(), StringComparison.Ordinal);
        var forged = await secretariat.PostAsync("/indikatorer/godkendelse?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TestApp.AntiforgeryToken(await secretariat.GetStringAsync(list)),
            ["celleOmraade"] = "727",
            ["cellePeriode"] = "2016-08",
        }));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("fire øjne-princippet", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ValueStatus.Submitted, await StatusAsync(app));

        // "Approve all" leaves it too.
        var all = await Pages.GetAsync(secretariat, list + "&bekraeft=godkend-alle");
        Assert.DoesNotContain("Vil du godkende", all.Text(), StringComparison.Ordinal);

        // A colleague in the same secretariat approves it.
        var (_, colleagueEmail) = await Pages.CreateUserAsync(app, Role.Secretariat, "1082", "kollega");
        var colleague = await app.LoginAsync(colleagueEmail, Pages.Password);
        var approved = await Pages.SubmitAndFollowAsync(colleague, await Pages.GetAsync(colleague, list), "main form[action*='handler=Approve'] button");
        Assert.Contains("1 tal er godkendt", approved.Text(), StringComparison.Ordinal);
        Assert.Equal(ValueStatus.Approved, await StatusAsync(app));
    }

    private static async Task<ValueStatus> StatusAsync(TestApp app)
    {
        await using var db = app.NewDbContext();
        return await db.IndicatorValues.AsNoTracking()
            .Where(v => v.AreaCode == "727" && v.Period == "2016-08" && v.IndicatorCode == "fuldamning-4mdr" && v.Breakdown == "")
            .Select(v => v.Status).SingleAsync();
    }
}
