using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Iom.Registry.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "search_words",
                table: "organizations",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // The dictionary of every word of every name and acronym, kept by a trigger: a misspelt query word is
            // corrected against it with a trigram index (small), and organisations are then found by their words (GIN).
            migrationBuilder.Sql("""
                CREATE TABLE search_words (word text PRIMARY KEY);
                CREATE INDEX ix_search_words_trgm ON search_words USING gin (word gin_trgm_ops);
                CREATE FUNCTION registry_add_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO search_words (word) SELECT DISTINCT unnest(NEW.search_words) ON CONFLICT DO NOTHING;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER organizations_search_words AFTER INSERT OR UPDATE OF search_words ON organizations
                    FOR EACH ROW EXECUTE FUNCTION registry_add_search_words();
                UPDATE organizations SET search_words = ARRAY(
                    SELECT DISTINCT w FROM unnest(regexp_split_to_array(lower(name || ' ' || coalesce(acronym, '')), '[^[:alnum:]]+')) AS w WHERE w <> '');
                """);

            migrationBuilder.CreateIndex(
                name: "IX_organizations_country",
                table: "organizations",
                column: "country");

            migrationBuilder.CreateIndex(
                name: "IX_organizations_search_words",
                table: "organizations",
                column: "search_words")
                .Annotation("Npgsql:IndexMethod", "gin");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER organizations_search_words ON organizations;
                DROP FUNCTION registry_add_search_words();
                DROP TABLE search_words;
                """);

            migrationBuilder.DropIndex(
                name: "IX_organizations_country",
                table: "organizations");

            migrationBuilder.DropIndex(
                name: "IX_organizations_search_words",
                table: "organizations");

            migrationBuilder.DropColumn(
                name: "search_words",
                table: "organizations");
        }
    }
}
