using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.PostgreSql.Migrations.Organisation
{
    /// <inheritdoc />
    public partial class UnitIdentifiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Identifier",
                table: "OrganisationUnits",
                type: "character varying(13)",
                maxLength: 13,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationUnits_Identifier",
                table: "OrganisationUnits",
                column: "Identifier",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OrganisationUnits_Identifier",
                table: "OrganisationUnits");

            migrationBuilder.DropColumn(
                name: "Identifier",
                table: "OrganisationUnits");
        }
    }
}
