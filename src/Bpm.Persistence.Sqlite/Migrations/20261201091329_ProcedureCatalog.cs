using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProcedureCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "procedures",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    FoldedName = table.Column<string>(type: "TEXT", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TimeLimitValue = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    TimeLimitUnit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    TimeLimitSameDay = table.Column<bool>(type: "INTEGER", nullable: false),
                    TimeLimitNote = table.Column<string>(type: "TEXT", nullable: true),
                    OnlineLevel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: true),
                    ResultPapers = table.Column<string>(type: "TEXT", nullable: false),
                    LegalBasis = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedures", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "procedure_fees",
                columns: table => new
                {
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    AmountVnd = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    Exemptions = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedure_fees", x => new { x.ProcedureCode, x.Position });
                    table.ForeignKey(
                        name: "FK_procedure_fees_procedures_ProcedureCode",
                        column: x => x.ProcedureCode,
                        principalTable: "procedures",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procedure_levels",
                columns: table => new
                {
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReceivingUnits = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedure_levels", x => new { x.ProcedureCode, x.Position });
                    table.ForeignKey(
                        name: "FK_procedure_levels_procedures_ProcedureCode",
                        column: x => x.ProcedureCode,
                        principalTable: "procedures",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procedure_papers",
                columns: table => new
                {
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    PaperId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Form = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DigitisedResultReplaces = table.Column<bool>(type: "INTEGER", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    PresentOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedure_papers", x => new { x.ProcedureCode, x.PaperId });
                    table.ForeignKey(
                        name: "FK_procedure_papers_procedures_ProcedureCode",
                        column: x => x.ProcedureCode,
                        principalTable: "procedures",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "procedure_sources",
                columns: table => new
                {
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedure_sources", x => new { x.ProcedureCode, x.Position });
                    table.ForeignKey(
                        name: "FK_procedure_sources_procedures_ProcedureCode",
                        column: x => x.ProcedureCode,
                        principalTable: "procedures",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_procedures_Sector",
                table: "procedures",
                column: "Sector");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "procedure_fees");

            migrationBuilder.DropTable(
                name: "procedure_levels");

            migrationBuilder.DropTable(
                name: "procedure_papers");

            migrationBuilder.DropTable(
                name: "procedure_sources");

            migrationBuilder.DropTable(
                name: "procedures");
        }
    }
}
