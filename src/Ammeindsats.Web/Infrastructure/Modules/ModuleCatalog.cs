using System.Globalization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;

namespace Ammeindsats.Web.Infrastructure.Modules;

/// <summary>
/// Every module of the running app and what it contributed: the menu, the reports, the audit labels, the
/// verbs and the texts. One per app (a singleton); tests read it to discover what the modules have.
/// </summary>
public sealed class ModuleCatalog
{
    private readonly Dictionary<string, AuditEntity> _audit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _english = new(StringComparer.Ordinal);

    public ModuleCatalog(IEnumerable<ModuleRegistration> modules)
    {
        Modules = modules.ToList();
        foreach (var duplicate in Modules.GroupBy(m => m.Module.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"The module {duplicate.Key} is registered twice.");
        }

        foreach (var entity in Modules.SelectMany(m => m.AuditEntities))
        {
            if (!_audit.TryAdd(entity.Entity, entity))
            {
                throw new InvalidOperationException($"Two modules label the audited entity {entity.Entity}.");
            }
        }

        foreach (var (danish, english) in Modules.SelectMany(m => m.EnglishTexts))
        {
            if (!_english.TryAdd(danish, english) && _english[danish] != english)
            {
                throw new InvalidOperationException($"Two modules translate \"{danish}\" differently.");
            }
        }

        Verbs = Modules.SelectMany(m => m.Verbs).ToDictionary(v => v.Name, StringComparer.Ordinal);
        Navigation = Modules.SelectMany(m => m.Navigation).OrderBy(n => n.Order).ToList();
        Reports = Modules.SelectMany(m => m.Reports).ToList();
    }

    public IReadOnlyList<ModuleRegistration> Modules { get; }

    /// <summary>The main menu, in order.</summary>
    public IReadOnlyList<NavigationEntry> Navigation { get; }

    /// <summary>Every report the modules offer, in module order (the "Rapporter" page filters them by policy).</summary>
    public IReadOnlyList<ReportEntry> Reports { get; }

    public IReadOnlyDictionary<string, CommandVerb> Verbs { get; }

    public IReadOnlyCollection<AuditEntity> AuditEntities => _audit.Values;

    /// <summary>The English texts the modules bring themselves (Danish is the key).</summary>
    public IReadOnlyDictionary<string, string> EnglishTexts => _english;

    /// <summary>The module's entry for an audited entity, or null for an entity no module knows.</summary>
    public AuditEntity? AuditEntity(string entity) => _audit.GetValueOrDefault(entity);

    /// <summary>The Danish label of an audited entity; an entity no module knows shows its own name.</summary>
    public string AuditLabel(string entity) => _audit.TryGetValue(entity, out var e) ? e.Label : entity;

    /// <summary>
    /// The catalogue of a list of modules outside a running app, for the command line (which picks the verb before
    /// it builds a host) and for tests. The modules' services go into a container that is thrown away.
    /// </summary>
    public static ModuleCatalog Describe(IEnumerable<IModule> modules)
    {
        var services = new ServiceCollection();
        foreach (var module in modules)
        {
            services.AddModule(module);
        }

        return new ModuleCatalog(services.Where(d => d.ServiceType == typeof(ModuleRegistration)).Select(d => (ModuleRegistration)d.ImplementationInstance!));
    }
}

public static class ModuleRegistrationExtensions
{
    /// <summary>Registers one module: its services now, the rest in the app's <see cref="ModuleCatalog"/>.</summary>
    public static IServiceCollection AddModule(this IServiceCollection services, IModule module)
    {
        var builder = new ModuleBuilder(module, services);
        module.Register(builder);
        services.AddSingleton(builder.Build());
        services.TryAddSingleton<ModuleCatalog>();
        services.TryAddSingleton<IStringLocalizer<SharedResource>, ModuleStringLocalizer>();
        return services;
    }

    /// <summary>Every module's middleware, in module order (after authentication and authorization).</summary>
    public static void UseModules(this WebApplication app)
    {
        foreach (var use in app.Services.GetRequiredService<ModuleCatalog>().Modules.SelectMany(m => m.Middleware))
        {
            use(app);
        }
    }

    /// <summary>Maps every module's API endpoints under <c>/api/v1</c> and its other endpoints, in module order.</summary>
    public static void MapModules(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        var api = app.MapGroup("/api/v1").WithTags("v1");
        foreach (var module in catalog.Modules)
        {
            foreach (var map in module.Api)
            {
                map(api);
            }

            foreach (var map in module.Endpoints)
            {
                map(app);
            }
        }
    }
}

/// <summary>
/// The shared texts (Resources/SharedResource), and for a text they do not translate, the English a module
/// brought with <see cref="ModuleBuilder.Text"/>. Danish is the key, so Danish needs no entry.
/// </summary>
public sealed class ModuleStringLocalizer(IStringLocalizerFactory factory, ModuleCatalog catalog) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer _shared = factory.Create(typeof(SharedResource));

    public LocalizedString this[string name]
    {
        get
        {
            var text = _shared[name];
            return text.ResourceNotFound && ModuleEnglish(name) is { } english ? new LocalizedString(name, english, false) : text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = _shared[name, arguments];
            return text.ResourceNotFound && ModuleEnglish(name) is { } english
                ? new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, english, arguments), false)
                : text;
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _shared.GetAllStrings(includeParentCultures);

    private string? ModuleEnglish(string name) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? catalog.EnglishTexts.GetValueOrDefault(name) : null;
}
