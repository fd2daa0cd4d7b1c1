using Ammeindsats.Core.Areas;
using Ammeindsats.Core.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ammeindsats.Data.Indicators;

internal sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> b)
    {
        b.HasKey(i => i.Code);
        b.Property(i => i.Code).HasMaxLength(64);
        b.Property(i => i.NameDa).HasMaxLength(200);
        b.Property(i => i.NameEn).HasMaxLength(200);
        b.Property(i => i.Definition).HasMaxLength(2000);
        b.Property(i => i.NumeratorDefinition).HasMaxLength(1000);
        b.Property(i => i.DenominatorDefinition).HasMaxLength(1000);
        b.Property(i => i.Source).HasMaxLength(400);
        b.Property(i => i.Provider).HasMaxLength(64);
        b.Property(i => i.Unit).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Polarity).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class IndicatorValueConfiguration : IEntityTypeConfiguration<IndicatorValue>
{
    public void Configure(EntityTypeBuilder<IndicatorValue> b)
    {
        b.Property(v => v.IndicatorCode).HasMaxLength(64);
        b.Property(v => v.AreaCode).HasMaxLength(32);
        b.Property(v => v.Period).HasMaxLength(10);
        b.Property(v => v.Breakdown).HasMaxLength(32);
        b.Property(v => v.Origin).HasMaxLength(80);
        b.Property(v => v.UpdatedBy).HasMaxLength(200);
        b.Property(v => v.ReopenReason).HasMaxLength(1000);
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(12);
        b.HasIndex(v => new { v.IndicatorCode, v.AreaCode, v.Period, v.Breakdown }).IsUnique();
        b.HasIndex(v => new { v.AreaCode, v.Period });
        b.HasOne<IndicatorDefinition>().WithMany().HasForeignKey(v => v.IndicatorCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Area>().WithMany().HasForeignKey(v => v.AreaCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BirthCohortConfiguration : IEntityTypeConfiguration<BirthCohort>
{
    public void Configure(EntityTypeBuilder<BirthCohort> b)
    {
        b.Property(c => c.AreaCode).HasMaxLength(32);
        b.Property(c => c.Breakdown).HasMaxLength(32);
        b.Property(c => c.Origin).HasMaxLength(80);
        b.Property(c => c.UpdatedBy).HasMaxLength(200);
        b.Property(c => c.ReopenReason).HasMaxLength(1000);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(12);
        b.HasIndex(c => new { c.AreaCode, c.BirthYear, c.Breakdown }).IsUnique();
        b.HasIndex(c => c.BirthYear);
        b.HasOne<Area>().WithMany().HasForeignKey(c => c.AreaCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> b)
    {
        b.Property(t => t.IndicatorCode).HasMaxLength(64);
        b.Property(t => t.AreaCode).HasMaxLength(32);
        b.Property(t => t.Note).HasMaxLength(1000);
        b.HasIndex(t => new { t.IndicatorCode, t.AreaCode, t.TargetYear }).IsUnique();
        b.HasOne<IndicatorDefinition>().WithMany().HasForeignKey(t => t.IndicatorCode).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Area>().WithMany().HasForeignKey(t => t.AreaCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(r => r.Kind).HasMaxLength(32);
        b.Property(r => r.FileName).HasMaxLength(260);
        b.Property(r => r.FileSha256).HasMaxLength(64);
        b.Property(r => r.UserId).HasMaxLength(64);
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(12);
        b.HasIndex(r => r.CreatedAt);
    }
}
