using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PendingScans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pending_scans",
                columns: table => new
                {
                    FileId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Session = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PaperId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    StoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_scans", x => x.FileId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_pending_scans_ExpiresAt",
                table: "pending_scans",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_pending_scans_UserName_Session",
                table: "pending_scans",
                columns: new[] { "UserName", "Session" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_scans");
        }
    }
}
