using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Iom.Media.Data.Migrations
{
    /// <inheritdoc />
    public partial class TestimonyOrderingAndFeedState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "SourceTextHash",
                table: "stories",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "feed_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Generation = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feed_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "testimony_sources",
                columns: table => new
                {
                    TestimonyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_testimony_sources", x => x.TestimonyId);
                });

            // Withdrawals remembered so far become final "consent-withdrawn" sources.
            migrationBuilder.Sql("""
                INSERT INTO testimony_sources ("TestimonyId", "Status", "StatusChangedAt")
                SELECT "TestimonyId", 'ConsentWithdrawn', "WithdrawnAt" FROM withdrawn_testimonies
                """);
            migrationBuilder.DropTable(
                name: "withdrawn_testimonies");

            // The feed generation as PostgreSQL knows it, raised at the commit of any change to a story (FeedState).
            // Deferred to commit, so the row lock is taken last and held for the commit only.
            migrationBuilder.Sql("""
                INSERT INTO feed_state ("Id", "Generation") VALUES (1, 0);
                CREATE FUNCTION feed_state_raise() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE feed_state SET "Generation" = "Generation" + 1 WHERE "Id" = 1;
                    RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER stories_raise_feed_generation
                    AFTER INSERT OR UPDATE OR DELETE ON stories
                    DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION feed_state_raise();
                """);

            migrationBuilder.CreateIndex(
                name: "ux_stories_testimony",
                table: "stories",
                column: "SourceId",
                unique: true,
                filter: "\"SourceKind\" = 'testimony'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER stories_raise_feed_generation ON stories;
                DROP FUNCTION feed_state_raise();
                """);
            migrationBuilder.DropTable(
                name: "feed_state");

            migrationBuilder.DropTable(
                name: "testimony_sources");

            migrationBuilder.DropIndex(
                name: "ux_stories_testimony",
                table: "stories");

            migrationBuilder.DropColumn(
                name: "SourceTextHash",
                table: "stories");

            migrationBuilder.CreateTable(
                name: "withdrawn_testimonies",
                columns: table => new
                {
                    TestimonyId = table.Column<Guid>(type: "uuid", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_withdrawn_testimonies", x => x.TestimonyId);
                });
        }
    }
}
