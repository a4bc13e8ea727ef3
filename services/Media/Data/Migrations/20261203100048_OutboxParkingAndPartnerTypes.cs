using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Iom.Media.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxParkingAndPartnerTypes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_unsent",
                table: "outbox_messages");

            migrationBuilder.AddColumn<string>(
                name: "Type",
                table: "partners",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            // Every row so far came from a media organisation's PartnerRegistered; from now on null marks a placeholder.
            migrationBuilder.Sql("UPDATE partners SET \"Type\" = 'media-organisation'");

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "outbox_messages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "outbox_messages",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "parked_at",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_parked",
                table: "outbox_messages",
                column: "sequence",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_unsent",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL AND parked_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_parked",
                table: "outbox_messages");

            migrationBuilder.DropIndex(
                name: "ix_outbox_unsent",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "Type",
                table: "partners");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "parked_at",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_unsent",
                table: "outbox_messages",
                column: "sequence",
                filter: "sent_at IS NULL");
        }
    }
}
