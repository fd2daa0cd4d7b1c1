using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ammeindsats.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LeaseUntil",
                table: "ImportRuns",
                type: "timestamp with time zone",
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
