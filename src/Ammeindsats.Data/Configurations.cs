using Ammeindsats.Core.Access;
using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Audit;
using Ammeindsats.Core.People;
using Ammeindsats.Data.Access;
using Ammeindsats.Data.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ammeindsats.Data;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.HasKey(a => a.Code);
        b.Property(a => a.Code).HasMaxLength(32);
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.NameEn).HasMaxLength(200);
        b.Property(a => a.Description).HasMaxLength(400);
        b.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(a => a.Type);
    }
}

internal sealed class AreaMembershipConfiguration : IEntityTypeConfiguration<AreaMembership>
{
    public void Configure(EntityTypeBuilder<AreaMembership> b)
    {
        b.Property(m => m.ChildCode).HasMaxLength(32);
        b.Property(m => m.ParentCode).HasMaxLength(32);
        b.HasOne<Area>().WithMany().HasForeignKey(m => m.ChildCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Area>().WithMany().HasForeignKey(m => m.ParentCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => new { m.ChildCode, m.ParentCode, m.ValidFrom }).IsUnique();
        b.HasIndex(m => m.ParentCode);
    }
}

internal sealed class UserGrantConfiguration : IEntityTypeConfiguration<UserGrant>
{
    public void Configure(EntityTypeBuilder<UserGrant> b)
    {
        b.Property(g => g.Role).HasConversion<string>().HasMaxLength(20);
        b.Property(g => g.AreaCode).HasMaxLength(32);
        b.HasOne<AppUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Area>().WithMany().HasForeignKey(g => g.AreaCode).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(g => g.UserId);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.Property(k => k.Name).HasMaxLength(100);
        b.Property(k => k.Prefix).HasMaxLength(32);
        b.Property(k => k.SecretHash).HasMaxLength(64);
        b.HasIndex(k => k.Prefix).IsUnique();
        b.HasIndex(k => new { k.UserId, k.Name });
        b.HasOne<AppUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.Actor).HasMaxLength(200);
        b.Property(e => e.ActorUserId).HasMaxLength(64);
        b.Property(e => e.Entity).HasMaxLength(100);
        b.Property(e => e.EntityKey).HasMaxLength(200);
        b.Property(e => e.Action).HasMaxLength(20);
        b.Property(e => e.PersonalDataSubject).HasMaxLength(100);
        b.Property(e => e.FileSha256).HasMaxLength(64);
        b.Property(e => e.Summary).HasMaxLength(1000);
        b.HasIndex(e => new { e.Entity, e.EntityKey });
        b.HasIndex(e => e.At);
    }
}

internal sealed class PersonalDataKeyConfiguration : IEntityTypeConfiguration<PersonalDataKey>
{
    public void Configure(EntityTypeBuilder<PersonalDataKey> b)
    {
        b.HasKey(k => k.Subject);
        b.Property(k => k.Subject).HasMaxLength(100);
    }
}

internal sealed class PersonalDataReadConfiguration : IEntityTypeConfiguration<PersonalDataRead>
{
    public void Configure(EntityTypeBuilder<PersonalDataRead> b)
    {
        b.Property(r => r.Reader).HasMaxLength(200);
        b.Property(r => r.Subject).HasMaxLength(100);
        b.Property(r => r.Purpose).HasMaxLength(200);
        b.HasIndex(r => r.Subject);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.Email).HasMaxLength(256);
        b.Property(p => p.Phone).HasMaxLength(40);
        b.Property(p => p.Organisation).HasMaxLength(200);
        b.Property(p => p.JobTitle).HasMaxLength(200);
        b.Property(p => p.AreaCode).HasMaxLength(32);
        b.HasOne<Area>().WithMany().HasForeignKey(p => p.AreaCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.To).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.Property(m => m.Language).HasMaxLength(8);
        b.HasIndex(m => m.SentAt);
    }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.HasKey(j => j.Name);
        b.Property(j => j.Name).HasMaxLength(100);
        b.Property(j => j.Holder).HasMaxLength(200);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(260);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.Purpose).HasMaxLength(50);
        b.Property(f => f.OwnerUserId).HasMaxLength(64);
        b.HasIndex(f => f.ExpiresAt);
    }
}

internal sealed class StoredFileChunkConfiguration : IEntityTypeConfiguration<StoredFileChunk>
{
    public void Configure(EntityTypeBuilder<StoredFileChunk> b)
    {
        b.HasKey(c => new { c.FileId, c.Index });
        b.HasOne<StoredFile>().WithMany().HasForeignKey(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}
