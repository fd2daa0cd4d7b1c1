namespace Ammeindsats.Web.Infrastructure.Auth;

/// <summary>
/// The page or endpoint acts on the area in its {code} route value and answers 403 for a foreign area.
/// The authorization matrix test checks every endpoint that carries it with an own and a foreign area.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AreaScopedAttribute : Attribute;

/// <summary>The GET answers with a redirect by design (e.g. a canonical address); the matrix accepts 301/302 for allowed callers.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RedirectsAttribute : Attribute;
