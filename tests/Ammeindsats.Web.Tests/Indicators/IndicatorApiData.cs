using System.Net.Http.Headers;
using System.Text;
using Ammeindsats.Data;
using Ammeindsats.Web.Features.Indicators;
using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// A fresh app per provider with a small, known set of indicator values on top of the demo data, in
/// periods the demo data does not use (birth years before 2015), so every figure the tests expect can be
/// worked out by hand from the files below.
/// </summary>
public sealed class IndicatorApiApps : IDisposable
{
    /// <summary>
    /// Approved, imported as the installation with --approve. fuldamning-2uger for 2012:
    /// DK 7000/10000 (70 %), København 900/1000, Frederiksberg 140/200, Gentofte 50/100 (Region Hovedstaden),
    /// Aarhus 3/40 (numerator 3: primary suppression), Randers 30/50, Silkeborg 60/80 (Region Midtjylland),
    /// and København first-born children 400/450. fuldamning-1mdr for Frederiksberg: 2010 140/200 = first half
    /// 137/150 + second half 3/50 (numerator 3: primary suppression).
    /// </summary>
    public const string ApprovedValues =
        "indicator,area,period,breakdown,numerator,denominator\n" +
        "fuldamning-2uger,DK,2012,,7000,10000\n" +
        "fuldamning-2uger,101,2012,,900,1000\n" +
        "fuldamning-2uger,101,2012,parity-1,400,450\n" +
        "fuldamning-2uger,147,2012,,140,200\n" +
        "fuldamning-2uger,157,2012,,50,100\n" +
        "fuldamning-2uger,0751,2012,,3,40\n" +
        "fuldamning-2uger,730,2012,,30,50\n" +
        "fuldamning-2uger,740,2012,,60,80\n" +
        "fuldamning-1mdr,147,2010,,140,200\n" +
        "fuldamning-1mdr,147,2010H1,,137,150\n" +
        "fuldamning-1mdr,147,2010H2,,3,50\n";

    /// <summary>Imported without --approve: a draft that no anonymous caller may see.</summary>
    public const string DraftValues =
        "indicator,area,period,breakdown,numerator,denominator\n" +
        "fuldamning-2uger,101,2011,,800,1000\n";

    /// <summary>
    /// 20 children born in 2013 in Odense (461), approved. Sixteen ended full breastfeeding on days
    /// 10, 20, …, 160; four were still fully breastfed when last seen on days 25, 45, 65 and 85.
    /// </summary>
    public static string ChildRecords2013()
    {
        var text = new StringBuilder("child_id,record_date,birth_date,municipality_code,birth_site,parity,full_breastfeeding_days,still_fully_breastfed\n");
        var n = 0;
        foreach (var day in new[] { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160 })
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"api-{++n:000},2014-06-01,2013-03-01,461,,,{day},false\n");
        }

        foreach (var day in new[] { 25, 45, 65, 85 })
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"api-{++n:000},2014-06-01,2013-03-01,461,,,{day},true\n");
        }

        return text.ToString();
    }

    private readonly Dictionary<DatabaseProvider, TestApp> _apps = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<TestApp> GetAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        await _lock.WaitAsync();
        try
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = TestApp.Create(provider);
                _ = app.Server;
                await ImportAsync(app, ImportKind.IndicatorValues, ApprovedValues, approve: true);
                await ImportAsync(app, ImportKind.IndicatorValues, DraftValues, approve: false);
                await ImportAsync(app, ImportKind.ChildRecords, ChildRecords2013(), approve: true);
                _apps[provider] = app;
            }

            return app;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static async Task ImportAsync(TestApp app, ImportKind kind, string content, bool approve)
    {
        using var scope = app.Services.CreateScope();
        var importer = scope.ServiceProvider.GetRequiredService<IndicatorImporter>();
        await using var file = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var outcome = await importer.RunAsync(kind, file, new ImportActor(null, "installation"), dryRun: false, approve, "test.csv");
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException("Test data refused: " + string.Join("; ", outcome.Problems.Select(p => $"row {p.Row} {p.Column}: {p.Message}")));
        }
    }

    /// <summary>A client that calls the API with a new API key of the given demo user.</summary>
    public static async Task<HttpClient> ApiKeyClientAsync(TestApp app, string email)
    {
        string key;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            (_, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(userId, "api-test-" + Guid.NewGuid().ToString("N")[..8]);
        }

        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public void Dispose()
    {
        foreach (var app in _apps.Values)
        {
            app.Dispose();
        }

        _lock.Dispose();
    }
}

/// <summary>The indicator API, contract, download and import tests share one app per provider with known data.</summary>
[CollectionDefinition(Name)]
public sealed class IndicatorApiCollection : ICollectionFixture<IndicatorApiApps>
{
    public const string Name = "indicator-api";
}
