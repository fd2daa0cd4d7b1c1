using System.Text.Json;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Core.Statistics;
using Ammeindsats.Data;
using Ammeindsats.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ammeindsats.Web.Tests.Indicators;

/// <summary>
/// A later module (competence, surveys) feeds an indicator through <see cref="IIndicatorProvider"/> and gets the
/// same intervals, roll-ups and suppression in the open API; when its data change, the figures change.
/// </summary>
public sealed class IndicatorProviderTests
{
    private sealed class TrainingProvider : IIndicatorProvider
    {
        public List<IndicatorObservation> Observations { get; } = [];

        public int Version { get; set; } = 1;

        public string Name => "uddannelse";

        public Task<IReadOnlyList<IndicatorObservation>> GetObservationsAsync(IndicatorDefinition indicator, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<IndicatorObservation>>(Observations.Where(o => o.IndicatorCode == indicator.Code).ToList());

        public Task<string> DataVersionAsync(CancellationToken ct) => Task.FromResult(Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ProvidedFigures_GetIntervalsAndSuppression_AndChangeWhenTheProviderDoes(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            PostgresServer.SkipIfUnavailable();
        }

        var training = new TrainingProvider();
        using var baseApp = TestApp.Create(provider);
        using var app = baseApp.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IIndicatorProvider>(training)));
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AmmeindsatsDbContext>();
            db.Indicators.Add(new IndicatorDefinition
            {
                Code = "personale-uddannet",
                NameDa = "Andel af personalet, der har gennemført ammeuddannelsen",
                NameEn = "Share of staff who completed the breastfeeding training",
                Definition = "Ansatte med gennemført uddannelse blandt ansatte i målgruppen.",
                Unit = IndicatorUnit.Percent,
                Polarity = Polarity.HigherIsBetter,
                Kind = IndicatorKind.Proportion,
                Source = "Kompetencemodulet",
                Provider = "uddannelse",
                SortOrder = 50,
            });
            await db.SaveChangesAsync();
        }

        var now = DateTimeOffset.UtcNow;
        training.Observations.Add(new("personale-uddannet", "751", "2024", string.Empty, 12, 40, ValueStatus.Approved, now, false));
        training.Observations.Add(new("personale-uddannet", "730", "2024", string.Empty, 3, 30, ValueStatus.Approved, now, false));
        training.Observations.Add(new("personale-uddannet", "740", "2024", string.Empty, 20, 25, ValueStatus.Approved, now, false));
        training.Observations.Add(new("personale-uddannet", "746", "2024", string.Empty, 20, 25, ValueStatus.Draft, now, false));

        var client = app.CreateClient();
        var figures = await GetAsync(client);

        // 12 of 40 = 30 %. Wilson 95 %: centre (p + z²/2n)/(1 + z²/n), half-width z·√(p(1−p)/n + z²/4n²)/(1 + z²/n)
        // with z = 1.959963984540054 gives 18.07484522974653 % to 45.43001881814494 %.
        var aarhus = figures["751"];
        Assert.Equal(30.0, aarhus.GetProperty("value").GetDouble(), 9);
        Assert.Equal(18.07484522974653, aarhus.GetProperty("ci95").GetProperty("lower").GetDouble(), 9);
        Assert.Equal(45.43001881814494, aarhus.GetProperty("ci95").GetProperty("upper").GetDouble(), 9);
        Assert.Equal("municipality", aarhus.GetProperty("area").GetProperty("type").GetString());

        // 3 of 30: the numerator is below 5, so Randers is suppressed, and it must not be derivable as Region
        // Midtjylland (the sum of its municipalities with figures) minus Aarhus and Silkeborg: one more of those goes,
        // the smallest denominator first: Silkeborg (25) before Aarhus (40) and the region (95).
        var randers = figures["730"];
        Assert.True(randers.GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, randers.GetProperty("numerator").ValueKind);
        Assert.True(figures["740"].GetProperty("suppressed").GetBoolean());
        Assert.False(Published(figures, "1082") && Published(figures, "751") && Published(figures, "740"), "Randers would be the region minus the others.");

        // A draft from the provider is not published.
        Assert.False(figures.ContainsKey("746"));

        // The provider's data change: the published figure follows, within the second that the published
        // version may be old for changes made outside this process's database writes.
        training.Observations[0] = training.Observations[0] with { Numerator = 20 };
        training.Version++;
        var after = await GetAsync(client);
        for (var i = 0; i < 30 && after["751"].GetProperty("value").GetDouble() != 50.0; i++)
        {
            await Task.Delay(100);
            after = await GetAsync(client);
        }

        Assert.Equal(50.0, after["751"].GetProperty("value").GetDouble(), 9);
    }

    private static bool Published(Dictionary<string, JsonElement> figures, string area) =>
        figures.TryGetValue(area, out var f) && !f.GetProperty("suppressed").GetBoolean();

    private static async Task<Dictionary<string, JsonElement>> GetAsync(HttpClient client)
    {
        var json = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators/personale-uddannet/values?period=2024"));
        return json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("area").GetProperty("code").GetString()!, e => e.Clone());
    }
}
