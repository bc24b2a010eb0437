using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.SqlServer.Migrations
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
                type: "nchar(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: false,
                defaultValue: "0000000000000000000000000000000000000000000000000000000000000000");

            // Existing instances continue their chains from the hash of their last journal row.
            migrationBuilder.Sql("""
                UPDATE i SET JournalHead = COALESCE((SELECT TOP 1 j.Hash FROM journal AS j WHERE j.InstanceId = i.InstanceId ORDER BY j.Seq DESC), '0000000000000000000000000000000000000000000000000000000000000000') FROM instances AS i;
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
