using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rathaus.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CouncilInformation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CouncilLocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    StreetAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Room = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Locality = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilLocations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CouncilBodies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Ags = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Rgs = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Classification = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilBodies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilBodies_CouncilLocations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "CouncilLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilMeetings_CouncilLocations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "CouncilLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilLegislativeTerms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilLegislativeTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilLegislativeTerms_CouncilBodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "CouncilBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilOrganizations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ShortName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilOrganizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilOrganizations_CouncilBodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "CouncilBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilOrganizations_CouncilLocations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "CouncilLocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilPersons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FormOfAddress = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilPersons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilPersons_CouncilBodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "CouncilBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilAgendaItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Public = table.Column<bool>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ResolutionText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilAgendaItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilAgendaItems_CouncilMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "CouncilMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilMeetingOrganizations",
                columns: table => new
                {
                    MeetingsId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilMeetingOrganizations", x => new { x.MeetingsId, x.OrganizationsId });
                    table.ForeignKey(
                        name: "FK_CouncilMeetingOrganizations_CouncilMeetings_MeetingsId",
                        column: x => x.MeetingsId,
                        principalTable: "CouncilMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CouncilMeetingOrganizations_CouncilOrganizations_OrganizationsId",
                        column: x => x.OrganizationsId,
                        principalTable: "CouncilOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CouncilPapers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OriginatorUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    OriginatorOrganizationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilPapers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilPapers_CouncilBodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "CouncilBodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilPapers_CouncilOrganizations_OriginatorOrganizationId",
                        column: x => x.OriginatorOrganizationId,
                        principalTable: "CouncilOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilPapers_OrgUnits_OriginatorUnitId",
                        column: x => x.OriginatorUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    LegislativeTermId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VotingRight = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OnBehalfOfId = table.Column<int>(type: "INTEGER", nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilMemberships_CouncilLegislativeTerms_LegislativeTermId",
                        column: x => x.LegislativeTermId,
                        principalTable: "CouncilLegislativeTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilMemberships_CouncilOrganizations_OnBehalfOfId",
                        column: x => x.OnBehalfOfId,
                        principalTable: "CouncilOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilMemberships_CouncilOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "CouncilOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilMemberships_CouncilPersons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "CouncilPersons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilConsultations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaperId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    AgendaItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganizationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Authoritative = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Result = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilConsultations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilConsultations_CouncilAgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "CouncilAgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilConsultations_CouncilMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "CouncilMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilConsultations_CouncilOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "CouncilOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilConsultations_CouncilPapers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "CouncilPapers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CouncilFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MimeType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sha512 = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    PaperId = table.Column<int>(type: "INTEGER", nullable: true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: true),
                    AgendaItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Created = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Modified = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouncilFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouncilFiles_CouncilAgendaItems_AgendaItemId",
                        column: x => x.AgendaItemId,
                        principalTable: "CouncilAgendaItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilFiles_CouncilMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "CouncilMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouncilFiles_CouncilPapers_PaperId",
                        column: x => x.PaperId,
                        principalTable: "CouncilPapers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilAgendaItems_MeetingId_Order",
                table: "CouncilAgendaItems",
                columns: new[] { "MeetingId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_CouncilAgendaItems_Modified",
                table: "CouncilAgendaItems",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilBodies_LocationId",
                table: "CouncilBodies",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilConsultations_AgendaItemId",
                table: "CouncilConsultations",
                column: "AgendaItemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilConsultations_MeetingId",
                table: "CouncilConsultations",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilConsultations_Modified",
                table: "CouncilConsultations",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilConsultations_OrganizationId",
                table: "CouncilConsultations",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilConsultations_PaperId",
                table: "CouncilConsultations",
                column: "PaperId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilFiles_AgendaItemId",
                table: "CouncilFiles",
                column: "AgendaItemId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilFiles_MeetingId",
                table: "CouncilFiles",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilFiles_Modified",
                table: "CouncilFiles",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilFiles_PaperId",
                table: "CouncilFiles",
                column: "PaperId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilFiles_Sha256",
                table: "CouncilFiles",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilLegislativeTerms_BodyId",
                table: "CouncilLegislativeTerms",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilLegislativeTerms_Modified",
                table: "CouncilLegislativeTerms",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilLocations_Modified",
                table: "CouncilLocations",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMeetingOrganizations_OrganizationsId",
                table: "CouncilMeetingOrganizations",
                column: "OrganizationsId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMeetings_LocationId",
                table: "CouncilMeetings",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMeetings_Modified",
                table: "CouncilMeetings",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMeetings_Start",
                table: "CouncilMeetings",
                column: "Start");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMemberships_LegislativeTermId",
                table: "CouncilMemberships",
                column: "LegislativeTermId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMemberships_Modified",
                table: "CouncilMemberships",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMemberships_OnBehalfOfId",
                table: "CouncilMemberships",
                column: "OnBehalfOfId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMemberships_OrganizationId",
                table: "CouncilMemberships",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilMemberships_PersonId",
                table: "CouncilMemberships",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilOrganizations_BodyId",
                table: "CouncilOrganizations",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilOrganizations_LocationId",
                table: "CouncilOrganizations",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilOrganizations_Modified",
                table: "CouncilOrganizations",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_BodyId",
                table: "CouncilPapers",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_Date",
                table: "CouncilPapers",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_Modified",
                table: "CouncilPapers",
                column: "Modified");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_OriginatorOrganizationId",
                table: "CouncilPapers",
                column: "OriginatorOrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_OriginatorUnitId",
                table: "CouncilPapers",
                column: "OriginatorUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPapers_Reference",
                table: "CouncilPapers",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPersons_BodyId",
                table: "CouncilPersons",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_CouncilPersons_Modified",
                table: "CouncilPersons",
                column: "Modified");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CouncilConsultations");

            migrationBuilder.DropTable(
                name: "CouncilFiles");

            migrationBuilder.DropTable(
                name: "CouncilMeetingOrganizations");

            migrationBuilder.DropTable(
                name: "CouncilMemberships");

            migrationBuilder.DropTable(
                name: "CouncilAgendaItems");

            migrationBuilder.DropTable(
                name: "CouncilPapers");

            migrationBuilder.DropTable(
                name: "CouncilLegislativeTerms");

            migrationBuilder.DropTable(
                name: "CouncilPersons");

            migrationBuilder.DropTable(
                name: "CouncilMeetings");

            migrationBuilder.DropTable(
                name: "CouncilOrganizations");

            migrationBuilder.DropTable(
                name: "CouncilBodies");

            migrationBuilder.DropTable(
                name: "CouncilLocations");
        }
    }
}
