using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class HandoffPartners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_handoffs_ChildInstanceId",
                table: "handoffs");

            migrationBuilder.AlterColumn<string>(
                name: "DefinitionId",
                table: "handoffs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "ChildInstanceId",
                table: "handoffs",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(100)",
                oldMaxLength: 100);

            migrationBuilder.AddColumn<string>(
                name: "AnswerKey",
                table: "handoffs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Partner",
                table: "handoffs",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteKey",
                table: "handoffs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "handoff_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Partner = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Url = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    DossierCode = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    GaveUpAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastAnswer = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handoff_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_handoffs",
                columns: table => new
                {
                    Partner = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    BodySha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    DossierCode = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TargetAgency = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TargetProcedure = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ChildInstanceId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CallbackUrl = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_handoffs", x => new { x.Partner, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "handoff_message_attempts",
                columns: table => new
                {
                    MessageId = table.Column<long>(type: "bigint", nullable: false),
                    Attempt = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: true),
                    Acknowledged = table.Column<bool>(type: "bit", nullable: false),
                    Answer = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handoff_message_attempts", x => new { x.MessageId, x.Attempt });
                    table.ForeignKey(
                        name: "FK_handoff_message_attempts_handoff_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "handoff_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_handoffs_ChildInstanceId",
                table: "handoffs",
                column: "ChildInstanceId",
                unique: true,
                filter: "[ChildInstanceId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_handoffs_Partner_RemoteKey",
                table: "handoffs",
                columns: new[] { "Partner", "RemoteKey" },
                unique: true,
                filter: "[Partner] IS NOT NULL AND [RemoteKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_handoff_messages_AcknowledgedAt_GaveUpAt_NextAttemptAt",
                table: "handoff_messages",
                columns: new[] { "AcknowledgedAt", "GaveUpAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_handoff_messages_DossierCode",
                table: "handoff_messages",
                column: "DossierCode");

            migrationBuilder.CreateIndex(
                name: "IX_handoff_messages_Key",
                table: "handoff_messages",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbound_handoffs_ChildInstanceId",
                table: "inbound_handoffs",
                column: "ChildInstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbound_handoffs_DossierCode",
                table: "inbound_handoffs",
                column: "DossierCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "handoff_message_attempts");

            migrationBuilder.DropTable(
                name: "inbound_handoffs");

            migrationBuilder.DropTable(
                name: "handoff_messages");

            migrationBuilder.DropIndex(
                name: "IX_handoffs_ChildInstanceId",
                table: "handoffs");

            migrationBuilder.DropIndex(
                name: "IX_handoffs_Partner_RemoteKey",
                table: "handoffs");

            migrationBuilder.DropColumn(
                name: "AnswerKey",
                table: "handoffs");

            migrationBuilder.DropColumn(
                name: "Partner",
                table: "handoffs");

            migrationBuilder.DropColumn(
                name: "RemoteKey",
                table: "handoffs");

            migrationBuilder.AlterColumn<string>(
                name: "DefinitionId",
                table: "handoffs",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ChildInstanceId",
                table: "handoffs",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(100)",
                oldMaxLength: 100,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_handoffs_ChildInstanceId",
                table: "handoffs",
                column: "ChildInstanceId",
                unique: true);
        }
    }
}
