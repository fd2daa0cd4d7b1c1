using Ammeindsats.Web.Infrastructure.Modules;

namespace Ammeindsats.Web.Features.Reports;

/// <summary>
/// The "Rapporter" page: every report a module contributes (<see cref="ModuleBuilder.Report"/>), listed for the
/// caller by the report's own policy. The reports themselves live in their modules; this module only gathers them.
/// </summary>
public sealed class ReportsModule : IModule
{
    public string Name => "Reports";

    public void Register(ModuleBuilder module) =>
        module.Navigation("Rapporter", "/rapporter", 70)
            .Text("Rapporter, dannet ud fra data, som du kan hente her. Listen viser de rapporter, du har adgang til; flere kommer, efterhånden som modulerne kommer til.", "Reports generated from the data that you can fetch here. The list shows the reports you have access to; more come as the modules arrive.")
            .Text("Der er ingen rapporter, du har adgang til.", "There are no reports you have access to.")
            .Text("Log ind for at se rapporterne for dine områder.", "Log in to see the reports for your areas.");
}
