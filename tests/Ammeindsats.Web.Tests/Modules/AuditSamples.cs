namespace Ammeindsats.Web.Tests.Modules;

/// <summary>One audited record of a module, new, and one change to it, for the audit coverage test.</summary>
public sealed record AuditSample(object Entity, Action<object> Change);

/// <summary>What a sample may build on: a tag for unique names, and the demo reader's user id.</summary>
public sealed record AuditSampleContext(string Tag, string DemoUserId);

/// <summary>
/// A module's audited entities, one sample each, in the module's own test folder. The audit coverage test finds
/// every implementation in this assembly, so a new module adds its samples beside its own tests.
/// </summary>
public interface IAuditSamples
{
    IEnumerable<AuditSample> Samples(AuditSampleContext context);
}

public static class AuditSamples
{
    public static List<AuditSample> All(AuditSampleContext context) =>
        typeof(IAuditSamples).Assembly.GetTypes()
            .Where(t => typeof(IAuditSamples).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => ((IAuditSamples)Activator.CreateInstance(t)!).Samples(context))
            .ToList();
}
