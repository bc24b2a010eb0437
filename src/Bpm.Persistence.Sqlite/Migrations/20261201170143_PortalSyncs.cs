using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EventSeq = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SyncedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GaveUpAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAnswer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
