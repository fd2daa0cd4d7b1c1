using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ammeindsats.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "ImportRuns");
        }
    }
}
