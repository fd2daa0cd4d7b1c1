using Ammeindsats.Core.Access;
using Ammeindsats.Core.Indicators;
using Ammeindsats.Data;
using Ammeindsats.Web.Cli;
using Ammeindsats.Web.Infrastructure.Platform;
using Ammeindsats.Web.Infrastructure.Seeding;

namespace Ammeindsats.Web.Infrastructure.Modules;

/// <summary>
/// A module's one entry point, a class in its folder under <c>Features/</c>. It contributes everything it has
/// through the <see cref="ModuleBuilder"/>, and is listed with one line in <c>Features/Modules.cs</c>.
/// </summary>
public interface IModule
{
    /// <summary>The module's folder under <c>Features/</c>, e.g. "Indicators".</summary>
    string Name { get; }

    void Register(ModuleBuilder module);
}

/// <summary>A link in the main menu; lower <see cref="Order"/> comes first. With a policy, only those it lets in see it.</summary>
public sealed record NavigationEntry(string Text, string Url, int Order, string? Policy = null);

/// <summary>
/// A report or download for the "Rapporter" page: what it is, where it is made, and which policy may use it
/// (none: anyone, also without a login). Texts are Danish keys, translated like any other page text.
/// </summary>
public sealed record ReportEntry(string Title, string Description, string Url, string? Policy = null);

/// <summary>Who asks for a record's history, and which record (its audit key).</summary>
public sealed record HistoryRequest(AccessScope Scope, string Key, AmmeindsatsDbContext Db, CancellationToken CancellationToken)
{
    public string[] KeyParts => Key.Split('/');
}

/// <summary>Whether a user who is not an administrator may read a record's history (administrators read every history).</summary>
public delegate ValueTask<bool> HistoryRule(HistoryRequest request);

/// <summary>The ready-made rules for <see cref="HistoryRule"/>.</summary>
public static class HistoryRules
{
    /// <summary>The record's content is public anyway: any staff user may read its history.</summary>
    public static readonly HistoryRule Public = _ => ValueTask.FromResult(true);

    /// <summary>Logins, grants, keys: administrators only.</summary>
    public static readonly HistoryRule AdministratorsOnly = _ => ValueTask.FromResult(false);

    /// <summary>
    /// The record belongs to the area in key segment <paramref name="segment"/> of a key of
    /// <paramref name="segments"/> segments: readable by those who may see that area's unpublished figures.
    /// </summary>
    public static HistoryRule UnpublishedOfAreaInKey(int segment, int segments) =>
        r => ValueTask.FromResult(r.KeyParts is var parts && parts.Length == segments && r.Scope.CanSeeUnpublished(parts[segment]));
}

/// <summary>
/// An audited entity (its CLR type name, as in the audit rows) with its label on the history pages, who may read
/// its history, and the page that shows the record itself, if any.
/// </summary>
public sealed record AuditEntity(string Entity, string Label, HistoryRule History, Func<string, string>? RecordUrl = null);

/// <summary>
/// A command-line verb. With <see cref="LeanServices"/> it runs in a lean host that has the database, logging and
/// the command-line audit context plus these services, not the whole web app.
/// </summary>
public sealed record CommandVerb(string Name, Func<IServiceProvider, CommandArgs, Task<int>> Run, Action<IServiceCollection>? LeanServices = null);

/// <summary>What one module contributed, collected by <see cref="ModuleBuilder"/>; services went straight into the container.</summary>
public sealed record ModuleRegistration(
    IModule Module,
    IReadOnlyList<Action<RouteGroupBuilder>> Api,
    IReadOnlyList<Action<IEndpointRouteBuilder>> Endpoints,
    IReadOnlyList<Action<IApplicationBuilder>> Middleware,
    IReadOnlyList<CommandVerb> Verbs,
    IReadOnlyList<NavigationEntry> Navigation,
    IReadOnlyList<ReportEntry> Reports,
    IReadOnlyList<AuditEntity> AuditEntities,
    IReadOnlyDictionary<string, string> EnglishTexts);

/// <summary>The one way a module plugs in: services, endpoints, seeders, jobs, verbs, menu, reports, audit labels and texts.</summary>
public sealed class ModuleBuilder
{
    private readonly IModule _module;
    private readonly List<Action<RouteGroupBuilder>> _api = [];
    private readonly List<Action<IEndpointRouteBuilder>> _endpoints = [];
    private readonly List<Action<IApplicationBuilder>> _middleware = [];
    private readonly List<CommandVerb> _verbs = [];
    private readonly List<NavigationEntry> _navigation = [];
    private readonly List<ReportEntry> _reports = [];
    private readonly List<AuditEntity> _audit = [];
    private readonly Dictionary<string, string> _english = new(StringComparer.Ordinal);

    internal ModuleBuilder(IModule module, IServiceCollection services)
    {
        _module = module;
        Services = services;
    }

    /// <summary>The app's services: the module adds its own here.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Reference and demo data (see <see cref="IModuleSeeder"/>).</summary>
    public ModuleBuilder Seeder<T>()
        where T : class, IModuleSeeder
    {
        Services.AddModuleSeeder<T>();
        return this;
    }

    /// <summary>A job the scheduler runs on one node at a time (see <see cref="IScheduledJob"/>).</summary>
    public ModuleBuilder Job<T>()
        where T : class, IScheduledJob
    {
        Services.AddSingleton<IScheduledJob, T>();
        return this;
    }

    /// <summary>Feeds indicators with the indicators' statistics, suppression and pages.</summary>
    public ModuleBuilder IndicatorProvider<T>()
        where T : class, IIndicatorProvider
    {
        Services.AddScoped<IIndicatorProvider, T>();
        return this;
    }

    /// <summary>Endpoints under the JSON API's group <c>/api/v1</c>.</summary>
    public ModuleBuilder Api(Action<RouteGroupBuilder> map)
    {
        _api.Add(map);
        return this;
    }

    /// <summary>Other endpoints (downloads, templates); the module's Razor Pages are found in its folder by themselves.</summary>
    public ModuleBuilder Endpoints(Action<IEndpointRouteBuilder> map)
    {
        _endpoints.Add(map);
        return this;
    }

    /// <summary>Middleware of the web server, run after authentication and authorization, before the endpoints.</summary>
    public ModuleBuilder Middleware(Action<IApplicationBuilder> use)
    {
        _middleware.Add(use);
        return this;
    }

    public ModuleBuilder Verb(string name, Func<IServiceProvider, CommandArgs, Task<int>> run, Action<IServiceCollection>? leanServices = null)
    {
        _verbs.Add(new CommandVerb(name, run, leanServices));
        return this;
    }

    public ModuleBuilder Navigation(string text, string url, int order, string? policy = null)
    {
        _navigation.Add(new NavigationEntry(text, url, order, policy));
        return this;
    }

    public ModuleBuilder Report(string title, string description, string url, string? policy = null)
    {
        _reports.Add(new ReportEntry(title, description, url, policy));
        return this;
    }

    public ModuleBuilder AuditEntity(string entity, string label, HistoryRule history, Func<string, string>? recordUrl = null)
    {
        _audit.Add(new AuditEntity(entity, label, history, recordUrl));
        return this;
    }

    /// <summary>The English text of a Danish text the module shows, used where the shared texts have none.</summary>
    public ModuleBuilder Text(string danish, string english)
    {
        _english.Add(danish, english);
        return this;
    }

    internal ModuleRegistration Build() => new(_module, _api, _endpoints, _middleware, _verbs, _navigation, _reports, _audit, _english);
}
