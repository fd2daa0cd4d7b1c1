using Ammeindsats.Web.Infrastructure.Seeding;

namespace Ammeindsats.Web.Features;

/// <summary>
/// Each module registers its services, seeders and endpoints here, one line each, from its own folder.
/// A new module is a new folder plus two lines in this file.
/// </summary>
public static class FeatureRegistration
{
    public static void AddFeatures(IServiceCollection services)
    {
        services.AddModuleSeeder<Areas.AreaSeeder>();
        services.AddModuleSeeder<Accounts.DemoUserSeeder>();
        services.AddModuleSeeder<Indicators.IndicatorSeeder>();
        services.AddModuleSeeder<Indicators.Workflow.TargetSeeder>();
        services.AddScoped<Indicators.IndicatorImporter>();
        Indicators.Import.ImportRegistration.AddIndicatorImportPages(services);
        services.AddScoped<Indicators.IndicatorFigures>();
        services.AddHostedService<Indicators.FiguresWarmup>();
        services.AddOptions<Indicators.Workflow.WorkflowSettings>().BindConfiguration(Indicators.Workflow.WorkflowSettings.Section);
        Indicators.Published.PublishedRegistration.AddPublishedCache(services);
        services.AddOptions<Indicators.DisclosureSettings>().BindConfiguration(Indicators.DisclosureSettings.Section).ValidateDataAnnotations().ValidateOnStart();
    }

    public static void MapFeatures(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("v1");
        Areas.AreasApi.Map(api);
        Accounts.MeApi.Map(api);
        Indicators.IndicatorsApi.Map(api);
        Indicators.Import.ImportTemplates.Map(app);
    }
}
