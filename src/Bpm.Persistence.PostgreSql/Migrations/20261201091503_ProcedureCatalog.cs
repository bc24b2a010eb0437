using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bpm.Persistence.PostgreSql.Migrations
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
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    FoldedName = table.Column<string>(type: "text", nullable: false),
                    Sector = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TimeLimitValue = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true),
                    TimeLimitUnit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    TimeLimitSameDay = table.Column<bool>(type: "boolean", nullable: false),
                    TimeLimitNote = table.Column<string>(type: "text", nullable: true),
                    OnlineLevel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: true),
                    ResultPapers = table.Column<List<string>>(type: "text[]", nullable: false),
                    LegalBasis = table.Column<List<string>>(type: "text[]", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_procedures", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "procedure_fees",
                columns: table => new
                {
                    ProcedureCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    AmountVnd = table.Column<long>(type: "bigint", nullable: true),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Exemptions = table.Column<string>(type: "text", nullable: true)
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
                    ProcedureCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Agency = table.Column<string>(type: "text", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceivingUnits = table.Column<List<string>>(type: "text[]", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true)
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
                    ProcedureCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PaperId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Form = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    DigitisedResultReplaces = table.Column<bool>(type: "boolean", nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    PresentOnly = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true)
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
                    ProcedureCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Reference = table.Column<string>(type: "text", nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: true)
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
