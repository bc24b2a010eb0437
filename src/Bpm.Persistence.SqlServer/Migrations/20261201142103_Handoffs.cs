using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Handoffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "handoffs",
                columns: table => new
                {
                    ParentInstanceId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ParentTaskId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ParentElementId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DossierCode = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ChildInstanceId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TargetAgency = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TargetProcedure = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DefinitionId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Evaluation = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handoffs", x => new { x.ParentInstanceId, x.ParentTaskId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_handoffs_ChildInstanceId",
                table: "handoffs",
                column: "ChildInstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_handoffs_DossierCode",
                table: "handoffs",
                column: "DossierCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "handoffs");
        }
    }
}
