using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InboundHandoffPapers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inbound_handoff_papers",
                columns: table => new
                {
                    Partner = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    HandoffKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RemoteFileId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    PaperId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FileId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_handoff_papers", x => new { x.Partner, x.HandoffKey, x.RemoteFileId });
                    table.ForeignKey(
                        name: "FK_inbound_handoff_papers_inbound_handoffs_Partner_HandoffKey",
                        columns: x => new { x.Partner, x.HandoffKey },
                        principalTable: "inbound_handoffs",
                        principalColumns: new[] { "Partner", "Key" },
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_handoff_papers");
        }
    }
}
