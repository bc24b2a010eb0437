using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Bpm.Persistence.PostgreSql.Migrations
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
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DossierCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    EventSeq = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    SyncedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    GaveUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAnswer = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
