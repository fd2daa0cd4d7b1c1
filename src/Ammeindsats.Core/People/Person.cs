using Ammeindsats.Core.Audit;

namespace Ammeindsats.Core.People;

/// <summary>
/// A staff contact (a network member, a trainee, a contact person), shared by the networks and
/// competence modules so that each person is registered once. Staff data only; never parents or children.
/// </summary>
public sealed class Person : IAudited, IVersioned, IPersonalRecord
{
    public int Id { get; set; }

    [PersonalDataField]
    public required string Name { get; set; }

    [PersonalDataField]
    public string? Email { get; set; }

    [PersonalDataField]
    public string? Phone { get; set; }

    public string? Organisation { get; set; }

    public string? JobTitle { get; set; }

    /// <summary>The area the person works in (municipality, birth site, region).</summary>
    public string? AreaCode { get; set; }

    public bool IsDemo { get; set; }

    /// <summary>Set when the person is erased: the record stays as a stub so references hold.</summary>
    public DateTimeOffset? ErasedAt { get; set; }

    public int Version { get; set; }

    public string AuditKey => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string PersonalDataSubject => "person:" + AuditKey;
}
