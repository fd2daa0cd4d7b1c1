using Ammeindsats.Web.Cli;
using Ammeindsats.Web.Infrastructure;

// One executable: with no verb it serves the web app; with a verb it runs that command and exits.
if (CommandLine.IsVerb(args))
{
    return await CommandLine.RunAsync(args);
}

var app = AppBuilder.Build(args, AppMode.Serve);
await app.PrepareDatabaseOnStartAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
