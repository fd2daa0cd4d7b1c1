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

/// <summary>
/// The page shows a record that belongs to one user (administrators see every one); anyone else gets 404, as if
/// it did not exist. The matrix requests it with an id that is no such record, so allowed roles get 404.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnerScopedAttribute : Attribute;
