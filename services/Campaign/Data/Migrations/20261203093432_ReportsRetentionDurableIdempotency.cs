using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Iom.Campaign.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportsRetentionDurableIdempotency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "ReporterHash",
                table: "testimony_reports",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FlaggedAt",
                table: "testimonies",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scope = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Owner = table.Column<Guid>(type: "uuid", nullable: false),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Location = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Body = table.Column<string>(type: "text", nullable: true),
                    ResourceId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => x.KeyHash);
                });

            migrationBuilder.CreateIndex(
                name: "IX_testimony_reports_TestimonyId_ReporterHash",
                table: "testimony_reports",
                columns: new[] { "TestimonyId", "ReporterHash" },
                unique: true,
                filter: "\"ReporterHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_testimonies_State_UpdatedAt",
                table: "testimonies",
                columns: new[] { "State", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_records_ResourceId",
                table: "idempotency_records",
                column: "ResourceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropIndex(
                name: "IX_testimony_reports_TestimonyId_ReporterHash",
                table: "testimony_reports");

            migrationBuilder.DropIndex(
                name: "IX_testimonies_State_UpdatedAt",
                table: "testimonies");

            migrationBuilder.DropColumn(
                name: "ReporterHash",
                table: "testimony_reports");

            migrationBuilder.DropColumn(
                name: "FlaggedAt",
                table: "testimonies");
        }
    }
}
