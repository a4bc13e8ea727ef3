using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Iom.Consultations.Data.Migrations
{
    /// <inheritdoc />
    public partial class ForumAndSyndicate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forums",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Languages = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forums", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forums_consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "syndicate_members",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    InstitutionId = table.Column<Guid>(type: "uuid", nullable: true),
                    TokenHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    InvitedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InvitedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_syndicate_members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "forum_syntheses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ForumId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    SourceContributionIds = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ConsolidatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forum_syntheses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forum_syntheses_forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forum_topics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ForumId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Question = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forum_topics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forum_topics_forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recommended_reads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Authors = table.Column<List<string>>(type: "text[]", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Doi = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WhyItMatters = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommended_reads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommended_reads_consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_recommended_reads_syndicate_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "syndicate_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "research_papers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsultationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Abstract = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: false),
                    BodyMarkdown = table.Column<string>(type: "character varying(100000)", maxLength: 100000, nullable: false),
                    Licence = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Pdf = table.Column<byte[]>(type: "bytea", nullable: true),
                    PdfSha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EditorNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_research_papers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_research_papers_agenda_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "agenda_sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_research_papers_consultations_ConsultationId",
                        column: x => x.ConsultationId,
                        principalTable: "consultations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_research_papers_syndicate_members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "syndicate_members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forum_contributions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ForumId = table.Column<Guid>(type: "uuid", nullable: false),
                    TopicId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    SecretHash = table.Column<byte[]>(type: "bytea", nullable: true),
                    CountryOfOrigin = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    Language = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ModeratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ModeratedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forum_contributions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_forum_contributions_forum_contributions_ParentId",
                        column: x => x.ParentId,
                        principalTable: "forum_contributions",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_forum_contributions_forum_topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "forum_topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_forum_contributions_forums_ForumId",
                        column: x => x.ForumId,
                        principalTable: "forums",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "forum_supports",
                columns: table => new
                {
                    ContributionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SupporterKey = table.Column<string>(type: "character varying(250)", maxLength: 250, nullable: false),
                    SupportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forum_supports", x => new { x.ContributionId, x.SupporterKey });
                    table.ForeignKey(
                        name: "FK_forum_supports_forum_contributions_ContributionId",
                        column: x => x.ContributionId,
                        principalTable: "forum_contributions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_forum_contributions_ForumId_State_SubmittedAt",
                table: "forum_contributions",
                columns: new[] { "ForumId", "State", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_forum_contributions_ParentId",
                table: "forum_contributions",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_forum_contributions_TopicId",
                table: "forum_contributions",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_forum_syntheses_ForumId",
                table: "forum_syntheses",
                column: "ForumId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_forum_topics_ForumId",
                table: "forum_topics",
                column: "ForumId");

            migrationBuilder.CreateIndex(
                name: "IX_forums_ConsultationId",
                table: "forums",
                column: "ConsultationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recommended_reads_ConsultationId",
                table: "recommended_reads",
                column: "ConsultationId");

            migrationBuilder.CreateIndex(
                name: "IX_recommended_reads_MemberId_ConsultationId",
                table: "recommended_reads",
                columns: new[] { "MemberId", "ConsultationId" });

            migrationBuilder.CreateIndex(
                name: "IX_research_papers_ConsultationId",
                table: "research_papers",
                column: "ConsultationId");

            migrationBuilder.CreateIndex(
                name: "IX_research_papers_MemberId",
                table: "research_papers",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_research_papers_SessionId",
                table: "research_papers",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_research_papers_State_PublishedAt",
                table: "research_papers",
                columns: new[] { "State", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_syndicate_members_Email",
                table: "syndicate_members",
                column: "Email",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "forum_supports");

            migrationBuilder.DropTable(
                name: "forum_syntheses");

            migrationBuilder.DropTable(
                name: "recommended_reads");

            migrationBuilder.DropTable(
                name: "research_papers");

            migrationBuilder.DropTable(
                name: "forum_contributions");

            migrationBuilder.DropTable(
                name: "syndicate_members");

            migrationBuilder.DropTable(
                name: "forum_topics");

            migrationBuilder.DropTable(
                name: "forums");
        }
    }
}
