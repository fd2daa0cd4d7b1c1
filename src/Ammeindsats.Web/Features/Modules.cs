using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Features;

/// <summary>
/// The app's modules, one line each. A module is a folder under <c>Features/</c> with one <see cref="IModule"/>
/// class that registers everything it has; adding the module's line here plugs it into the app, the command
/// line, the menu, the audit trail and the tests.
/// </summary>
public static class Modules
{
    public static IReadOnlyList<IModule> All { get; } =
    [
        new Home.HomeModule(),
        new Areas.AreasModule(),
        new Accounts.AccountsModule(),
        new Administration.AdministrationModule(),
        new Indicators.IndicatorsModule(),
        new Reports.ReportsModule(),
    ];
}
