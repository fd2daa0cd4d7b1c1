namespace Ammeindsats.Web.Infrastructure.Auth;

/// <summary>
/// The page, endpoint or page handler acts on the area named by <see cref="Field"/> (a route value, a form field or
/// a query parameter, in that order; {code} by default) and answers 403 when the caller holds none of
/// <see cref="Roles"/> for an area that covers it. <see cref="AreaScopeFilter"/> enforces it for page handlers, in
/// one place, before the handler runs; the authorization matrix test posts every handler that carries it with an
/// own and a foreign area.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AreaScopedAttribute(string field, params Core.Access.Role[] roles) : Attribute
{
    public AreaScopedAttribute()
        : this("code")
    {
    }

    public string Field { get; } = field;

    /// <summary>The roles that may act on the area; staff roles when none are given (an administrator always may).</summary>
    public IReadOnlyList<Core.Access.Role> Roles { get; } =
        roles.Length > 0 ? roles : [Core.Access.Role.Secretariat, Core.Access.Role.Network, Core.Access.Role.Reporter];
}

/// <summary>The GET answers with a redirect by design (e.g. a canonical address); the matrix accepts 301/302 for allowed callers.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RedirectsAttribute : Attribute;

/// <summary>
/// The page shows a record that belongs to one user (administrators see every one); anyone else gets 404, as if
/// it did not exist. The matrix requests it with an id that is no such record, so allowed roles get 404.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnerScopedAttribute : Attribute;
