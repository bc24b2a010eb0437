using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DefinitionProcedureColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows are filled from their XML after the migration, by EF's seeding step
            // (DefinitionProcedureColumns.BackfillAsync): SQLite has no XML functions to do it here.
            migrationBuilder.AddColumn<string>(
                name: "DecidingUnit",
                table: "definitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProcedureCode",
                table: "definitions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_definitions_ProcedureCode_Status",
                table: "definitions",
                columns: new[] { "ProcedureCode", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_definitions_ProcedureCode_Status",
                table: "definitions");

            migrationBuilder.DropColumn(
                name: "DecidingUnit",
                table: "definitions");

            migrationBuilder.DropColumn(
                name: "ProcedureCode",
                table: "definitions");
        }
    }
}
