using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ammeindsats.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StoredFileChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoredFileChunks",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredFileChunks", x => new { x.FileId, x.Index });
                    table.ForeignKey(
                        name: "FK_StoredFileChunks_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // A file kept from before becomes one chunk (the store reads chunks of any size).
            migrationBuilder.Sql("INSERT INTO \"StoredFileChunks\" (\"FileId\", \"Index\", \"Data\") SELECT \"Id\", 0, \"Content\" FROM \"StoredFiles\" WHERE length(\"Content\") > 0;");

            migrationBuilder.DropColumn(
                name: "Content",
                table: "StoredFiles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Uploads are kept for an hour at most; going back, the kept ones are deleted rather than emptied.
            migrationBuilder.Sql("DELETE FROM \"StoredFiles\";");

            migrationBuilder.DropTable(
                name: "StoredFileChunks");

            migrationBuilder.AddColumn<byte[]>(
                name: "Content",
                table: "StoredFiles",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);
        }
    }
}
