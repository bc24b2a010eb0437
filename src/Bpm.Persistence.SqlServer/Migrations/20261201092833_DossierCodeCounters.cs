using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DossierCodeCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dossier_code_counters",
                columns: table => new
                {
                    UnitIdentifier = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ReceiptDay = table.Column<string>(type: "nvarchar(10)", maxLength: 10, nullable: false),
                    LastSequence = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dossier_code_counters", x => new { x.UnitIdentifier, x.ReceiptDay });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dossier_code_counters");
        }
    }
}
