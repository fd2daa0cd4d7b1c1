using Ammeindsats.Data;
using Microsoft.EntityFrameworkCore;

namespace Ammeindsats.Web.Features.Indicators.Published;

/// <summary>The published version, the write hook that keeps it current, and the bulk download's files.</summary>
public static class PublishedRegistration
{
    public static void AddPublishedCache(IServiceCollection services)
    {
        services.AddSingleton<PublishedVersion>();
        services.AddSingleton<PublishedDataChanges>();
        services.AddSingleton<BulkDownloadFiles>();
        services.ConfigureDbContext<AmmeindsatsDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<PublishedDataChanges>()));
    }
}
