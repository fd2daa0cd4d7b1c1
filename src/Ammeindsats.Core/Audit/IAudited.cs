namespace Ammeindsats.Core.Audit;

/// <summary>Domain data whose every insert, update and delete is written to the audit trail.</summary>
public interface IAudited
{
    /// <summary>The record's key as shown in the audit trail and its history view.</summary>
    string AuditKey { get; }
}

/// <summary>
/// An editable record with optimistic concurrency: the version travels with the edit form, and a save
/// whose version no longer matches is refused instead of overwriting someone else's change.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

/// <summary>Marks a property that holds personal data (a name, an e-mail). The audit trail encrypts it
/// with the person's own key, so erasing the person makes it unreadable while the trail stays whole.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalDataFieldAttribute : Attribute;

/// <summary>An audited record about a person: its personal fields are encrypted with this subject's key.</summary>
public interface IPersonalRecord
{
    string PersonalDataSubject { get; }
}
