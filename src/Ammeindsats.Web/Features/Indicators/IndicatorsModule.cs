using Ammeindsats.Web.Infrastructure.Auth;
using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Features.Indicators;

/// <summary>
/// Breastfeeding indicators: the public pages, the API and the bulk download, imports (web and the
/// <c>import</c> verb), manual entry, approval, completeness and targets.
/// </summary>
public sealed class IndicatorsModule : IModule
{
    public string Name => "Indicators";

    public void Register(ModuleBuilder module)
    {
        var services = module.Services;
        services.AddScoped<IndicatorImporter>();
        Import.ImportRegistration.AddIndicatorImportPages(services);
        services.AddScoped<IndicatorFigures>();
        services.AddHostedService<FiguresWarmup>();
        services.AddOptions<Workflow.WorkflowSettings>().BindConfiguration(Workflow.WorkflowSettings.Section);
        Published.PublishedRegistration.AddPublishedCache(services);
        services.AddOptions<DisclosureSettings>().BindConfiguration(DisclosureSettings.Section).ValidateDataAnnotations().ValidateOnStart();

        module.Seeder<IndicatorSeeder>()
            .Seeder<Workflow.TargetSeeder>()
            .Api(IndicatorsApi.Map)
            .Endpoints(Import.ImportTemplates.Map)
            // Anonymous answers of the published figures, from the cache; after authentication, which tells who asks.
            .Middleware(app => app.UseMiddleware<Published.PublishedResponseCache>())
            // A million-row import needs only the database and the importer: it runs in the lean host.
            .Verb("import", ImportCommands.RunAsync, lean => lean.AddScoped<IndicatorImporter>())
            .Navigation("Indikatorer", "/indikatorer", 40)
            .AuditEntity("IndicatorDefinition", "Indikatordefinition", HistoryRules.Public)
            .AuditEntity("IndicatorTarget", "Indikatormål", HistoryRules.Public)
            // Keys: indicator/area/period/breakdown and area/birth year/breakdown.
            .AuditEntity("IndicatorValue", "Indikatorværdi", HistoryRules.UnpublishedOfAreaInKey(1, 4))
            .AuditEntity("BirthCohort", "Fødselsårgang", HistoryRules.UnpublishedOfAreaInKey(0, 3))
            .Report(
                "Alle offentliggjorte tal (åbne data, CC BY 4.0)",
                "Alle godkendte indikatorværdier med definitioner og licens i én zip-fil, som CSV med komma.",
                "/api/v1/indicators/download?dialect=opendata")
            .Report(
                "Alle offentliggjorte tal (Excel)",
                "De samme tal som CSV med semikolon og decimalkomma, klar til Excel.",
                "/api/v1/indicators/download?dialect=excel")
            .Report(
                "Indikatoroversigt (CSV)",
                "Alle områder og indikatorer for det seneste fødselsår med værdi, 95 %-interval og sammenligning med DK.",
                "/indikatorer?handler=Csv")
            .Report(
                "Fuldstændighed",
                "Hvilke områder og fødselsår der mangler indberetning eller godkendelse, og fristen.",
                "/indikatorer/fuldstaendighed",
                Policies.Staff)
            .Text("Alle godkendte indikatorværdier med definitioner og licens i én zip-fil, som CSV med komma.", "Every approved indicator value with definitions and licence in one zip file, as CSV with commas.")
            .Text("De samme tal som CSV med semikolon og decimalkomma, klar til Excel.", "The same figures as CSV with semicolons and decimal commas, ready for Excel.")
            .Text("Indikatoroversigt (CSV)", "Indicator overview (CSV)")
            .Text("Alle områder og indikatorer for det seneste fødselsår med værdi, 95 %-interval og sammenligning med DK.", "Every area and indicator for the latest birth year with value, 95 % interval and comparison with DK.")
            .Text("Hvilke områder og fødselsår der mangler indberetning eller godkendelse, og fristen.", "Which areas and birth years lack reporting or approval, and the deadline.");
    }
}
