using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ChainHeadOnInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "JournalHead",
                table: "instances",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                defaultValue: "0000000000000000000000000000000000000000000000000000000000000000");

            // Existing instances continue their chains from the hash of their last journal row.
            migrationBuilder.Sql("""
                UPDATE instances SET "JournalHead" = COALESCE((SELECT j."Hash" FROM journal AS j WHERE j."InstanceId" = instances."InstanceId" ORDER BY j."Seq" DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JournalHead",
                table: "instances");
        }
    }
}
