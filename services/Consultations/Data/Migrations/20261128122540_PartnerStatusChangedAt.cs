using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Iom.Consultations.Data.Migrations
{
    /// <inheritdoc />
    public partial class PartnerStatusChangedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StatusChangedAt",
                table: "partners",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Until now the last event's time was kept in UpdatedAt: the best known time of the current status.
            migrationBuilder.Sql("""UPDATE partners SET "StatusChangedAt" = "UpdatedAt";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StatusChangedAt",
                table: "partners");
        }
    }
}
