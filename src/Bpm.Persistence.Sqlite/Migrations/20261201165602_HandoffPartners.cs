using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HandoffPartners : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DefinitionId",
                table: "handoffs",
                type: "TEXT",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "ChildInstanceId",
                table: "handoffs",
                type: "TEXT",
                maxLength: 100,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 100);

            migrationBuilder.AddColumn<string>(
                name: "AnswerKey",
                table: "handoffs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Partner",
                table: "handoffs",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemoteKey",
                table: "handoffs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "handoff_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Partner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    GaveUpAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastAnswer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handoff_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_handoffs",
                columns: table => new
                {
                    Partner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BodySha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetAgency = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetProcedure = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChildInstanceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CallbackUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_handoffs", x => new { x.Partner, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "handoff_message_attempts",
                columns: table => new
                {
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: true),
                    Acknowledged = table.Column<bool>(type: "INTEGER", nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
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
                name: "IX_handoffs_Partner_RemoteKey",
                table: "handoffs",
                columns: new[] { "Partner", "RemoteKey" },
                unique: true);

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

            // SQLite cannot drop or alter these columns in place, and EF does not rebuild the table here:
            // the table is rebuilt by hand as the Handoffs migration made it. Handoffs sent to a partner
            // (no child here) have no place in that table and are dropped with it.
            migrationBuilder.DropIndex(
                name: "IX_handoffs_Partner_RemoteKey",
                table: "handoffs");

            migrationBuilder.DropIndex(
                name: "IX_handoffs_ChildInstanceId",
                table: "handoffs");

            migrationBuilder.DropIndex(
                name: "IX_handoffs_DossierCode",
                table: "handoffs");

            migrationBuilder.RenameTable(
                name: "handoffs",
                newName: "handoffs_with_partners");

            migrationBuilder.CreateTable(
                name: "handoffs",
                columns: table => new
                {
                    ParentInstanceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParentTaskId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParentElementId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChildInstanceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetAgency = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TargetProcedure = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DefinitionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Evaluation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_handoffs", x => new { x.ParentInstanceId, x.ParentTaskId });
                });

            migrationBuilder.Sql(
                "INSERT INTO \"handoffs\" (\"ParentInstanceId\", \"ParentTaskId\", \"ParentElementId\", \"DossierCode\", \"ChildInstanceId\", \"TargetAgency\", \"TargetProcedure\", \"DefinitionId\", \"Status\", \"StartedAt\", \"DueAt\", \"EndedAt\", \"Evaluation\") " +
                "SELECT \"ParentInstanceId\", \"ParentTaskId\", \"ParentElementId\", \"DossierCode\", \"ChildInstanceId\", \"TargetAgency\", \"TargetProcedure\", \"DefinitionId\", \"Status\", \"StartedAt\", \"DueAt\", \"EndedAt\", \"Evaluation\" " +
                "FROM \"handoffs_with_partners\" WHERE \"ChildInstanceId\" IS NOT NULL AND \"DefinitionId\" IS NOT NULL;");

            migrationBuilder.DropTable(
                name: "handoffs_with_partners");

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
    }
}
