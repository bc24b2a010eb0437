using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PortalSyncs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "portal_syncs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DossierCode = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    EventSeq = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    SyncedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    GaveUpAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastAnswer = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_portal_syncs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_portal_syncs_DossierCode_EventSeq",
                table: "portal_syncs",
                columns: new[] { "DossierCode", "EventSeq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_portal_syncs_SyncedAt_GaveUpAt_NextAttemptAt",
                table: "portal_syncs",
                columns: new[] { "SyncedAt", "GaveUpAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "portal_syncs");
        }
    }
}
