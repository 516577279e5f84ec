"""App discovery without an LLM: `Catalog.discover` and `Catalog.search_apps` rank apps for a
request in plain words."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from mcp_gateway.catalog import App, Catalog, NoAuth
from mcp_gateway.catalog.search import AppMatch

BENCH = Path(__file__).resolve().parents[2] / "bench" / "discovery.py"


def make_app(slug, name, description, categories, actions, featured_weight=50):
    app = App(slug, name, description, auth=NoAuth(), categories=categories, featured_weight=featured_weight)
    for title, text in actions:

        async def run(ctx):
            return None

        app.action(title.lower().replace(" ", "-"), title=title, description=text)(run)
    return app


def more_apps():
    """Apps the seeds' examples expect, beside the catalog's own."""
    return [
        make_app("microsoft_excel", "Microsoft Excel", "Create, read and update Excel workbooks and worksheets in OneDrive.",
                 ["Productivity"], [("Add Row", "Add a row to a table in an Excel worksheet."),
                                    ("Update Cell", "Set the value of a cell in a worksheet.")], 80),
        make_app("airtable_oauth", "Airtable", "A spreadsheet-database hybrid: bases of tables with records, fields and views.",
                 ["Productivity", "Databases"], [("Create Record", "Create a record in a table."),
                                                 ("List Records", "List the records of a table or view.")], 85),
        make_app("zoho_sheet", "Zoho Sheet", "Online spreadsheet software: worksheets, rows and cells.",
                 ["Productivity"], [("Create Row", "Add a row to a worksheet."), ("Update Row", "Change a row of a worksheet.")], 20),
        make_app("smartsheet", "Smartsheet", "Work management on spreadsheet-like sheets: rows, columns and attachments.",
                 ["Productivity"], [("Add Row to Sheet", "Add a row to a sheet."), ("Search Sheet", "Search a sheet's rows.")], 40),
        make_app("gmail", "Gmail", "Send and read email in a Gmail inbox: messages, drafts, labels and threads.",
                 ["Communication"], [("Send Email", "Send an email from the connected account."),
                                     ("Find Email", "Find email messages with Gmail's search syntax.")], 95),
        make_app("google_calendar", "Google Calendar", "Create, update and find events on Google Calendar calendars.",
                 ["Productivity"], [("Create Event", "Create an event, optionally with attendees and a meeting link."),
                                    ("Find Free Time", "Find when attendees are free to schedule a meeting.")], 95),
        make_app("zoho_crm", "Zoho CRM", "Sales CRM: leads, contacts, deals and accounts.",
                 ["Sales and CRM"], [("Create Lead", "Create a lead."), ("Update Record", "Update a deal, contact or lead.")], 40),
        make_app("hubspot", "HubSpot", "CRM platform: contacts, companies, deals and tickets, with marketing email.",
                 ["Sales and CRM", "Marketing"], [("Create Deal", "Create a deal in a pipeline stage."),
                                                  ("Update Contact", "Update a contact's properties.")], 90),
    ]


@pytest.fixture(scope="module")
def bigger(catalog):
    return Catalog([*catalog.apps.values(), *(a for a in more_apps() if a.slug not in catalog.apps)])


def slugs(matches):
    return [m.slug for m in matches]


def test_an_app_named_in_the_request_comes_first(catalog):
    assert slugs(catalog.discover("Send a message to the #general channel in Slack"))[0] == "slack"
    # Several named apps come in the order the request names them.
    both = catalog.discover("Create a task in Notion and send a notification to Slack")
    assert slugs(both)[:2] == ["notion", "slack"]
    assert [m.reason for m in both[:2]] == ["named in the request"] * 2
    # Named wins over a closer match of the words: rows and tables are what the others do.
    assert slugs(catalog.discover("add a row to the table in Notion"))[0] == "notion"


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("update cell B4 in gsheets", "google_sheets"),
        ("find the row in my google sheet", "google_sheets"),
        ("upsert this user into our postgres db", "postgresql"),
        ("update the price column in postgress", "postgresql"),
        ("jot down some notes in notoin", "notion"),
        ("post a notification in slak", "slack"),
        ("open a bug report on gihub", "github"),
        ("HTTP", "http"),
    ],
)
def test_nicknames_and_misspellings_still_name_the_app(catalog, query, slug):
    first = catalog.discover(query)[0]
    assert (first.slug, first.reason) == (slug, "named in the request")


@pytest.mark.parametrize(
    ("query", "slug", "word"),
    [
        ("Add this email to my spreadsheet", "google_sheets", "spreadsheet"),
        ("append a row with today's sales to the tracker sheet", "google_sheets", "sheet"),
        ("find open issues in my repo", "github", "issues"),
        ("comment on PR #42 that it looks good", "github", "pr"),
        ("post in #general", "slack", "#general"),
        ("DM Alice that the deploy finished", "slack", "dm"),
        ("run a SQL query to count active users", "postgresql", "sql"),
        ("call this webhook with a JSON body", "http", "webhook"),
        ("hit the health check URL and tell me the status code", "http", "status"),
        ("add these notes to my wiki", "notion", "wiki"),
    ],
)
def test_everyday_words_find_apps_by_what_they_do(catalog, query, slug, word):
    # Among the first three: "post in #general" fits Slack, Teams and Discord alike.
    found = {m.slug: m for m in catalog.discover(query)[:3]}
    assert slug in found
    assert found[slug].reason.startswith("matches: ") and word in found[slug].reason


def test_a_request_for_several_apps_gets_each_of_them(catalog):
    # Any of the catalog's databases will do for "the database".
    found = slugs(catalog.discover("Query the database for yesterday's orders and post the total in Slack"))[:2]
    assert "slack" in found and set(found) & {"postgresql", "mysql"}
    assert set(slugs(catalog.discover("turn the open bugs in our repo into rows in a sheet"))[:2]) == {
        "github", "google_sheets"}
    # The named app first; Google Drive's downloads may come before HTTP's, but HTTP is in the top three.
    found = slugs(catalog.discover("download the CSV from this URL and add its rows to Google Sheets"))
    assert found[0] == "google_sheets" and "http" in found[:3]


def test_the_seeds_examples_with_their_apps_in_the_catalog(bigger):
    spreadsheets = {"google_sheets", "microsoft_excel", "airtable_oauth", "zoho_sheet", "smartsheet"}
    assert set(slugs(bigger.discover("Add this email to my spreadsheet"))) == spreadsheets
    # A calendar and a CRM among the first five (CRMs log meetings too, and Outlook has both a
    # calendar and contacts).
    found = set(slugs(bigger.discover("Schedule a meeting and update my CRM", limit=5)))
    assert found & {"google_calendar", "microsoft_outlook", "calendly_v2"}
    assert found & {"zoho_crm", "hubspot", "salesforce_rest_api", "pipedrive"}
    # "Excel" alone names Microsoft Excel; "calendar" alone names no app.
    assert slugs(bigger.discover("put this in an Excel workbook"))[0] == "microsoft_excel"
    assert bigger.discover("check my calendar")[0].reason != "named in the request"


@pytest.mark.parametrize("query", ["", "   ", "asdf qwerty zxcv", "!!! ???", "the and of it", "🚀", "a" * 5000])
def test_nothing_to_go_on_finds_nothing(catalog, query):
    assert catalog.discover(query) == []


def test_search_apps_keeps_its_listing_behaviour(catalog):
    by_weight = sorted(catalog.apps.values(), key=lambda a: (-a.featured_weight, a.name.lower()))
    assert catalog.search_apps(None) == catalog.search_apps("") == by_weight
    assert [a.slug for a in catalog.search_apps("slack")][0] == "slack"
    assert [a.slug for a in catalog.search_apps("google sheets")][0] == "google_sheets"
    assert {"github", "http", "postgresql"} <= {a.slug for a in catalog.search_apps("developer")}
    assert catalog.search_apps("no such app anywhere") == []
    # Half-typed, as into a search box: every app whose name starts so is found.
    google = {slug for slug, app in catalog.apps.items() if app.name.lower().startswith("goo")}
    assert google <= {a.slug for a in catalog.search_apps("goo")} and "google_sheets" in google
    assert "github" in [a.slug for a in catalog.search_apps("hub")]


def test_matches_carry_slug_name_score_and_reason(catalog):
    matches = catalog.discover("send the spreadsheet totals to the #finance channel", limit=2)
    assert len(matches) == 2 and all(isinstance(m, AppMatch) for m in matches)
    assert {m.slug for m in matches} == {"google_sheets", "slack"}
    assert all(0 < m.score <= 1 and m.reason.startswith("matches: ") for m in matches)
    assert catalog.discover("find the row in my google sheet")[0].score > 1  # named


def test_the_ranking_is_deterministic(catalog, bigger):
    query = "Add every new Slack message in #leads to a spreadsheet and log it in the database"
    first = bigger.discover(query, limit=10)
    assert bigger.discover(query, limit=10) == first
    reversed_catalog = Catalog(reversed(list(bigger.apps.values())))
    assert reversed_catalog.discover(query, limit=10) == first


def test_the_index_is_built_once_and_again_when_apps_are_added(catalog):
    own = Catalog(catalog.apps.values())
    index = own.search_index()
    assert own.search_index() is index
    # Among 2,000+ imported APIs some know "flux" (radiation flux); none is Zorblax.
    assert "zorblax" not in slugs(own.discover("pour the Zorblax flux"))
    own.add_app(make_app("zorblax", "Zorblax", "Flux pouring as a service: pours and flux readings.", ["Testing"],
                         [("Pour Flux", "Pour the flux.")]))
    assert own.search_index() is not index
    first = own.discover("pour the Zorblax flux")[0]
    assert (first.slug, first.reason) == ("zorblax", "named in the request")


def test_the_catalog_under_test_holds_the_imported_apps(catalog):
    imported = [app for app in catalog.apps.values() if app.source]
    assert len(imported) > 1000 and len(catalog.apps) - len(imported) >= 30


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("send a Slack message to #general", "slack"),
        ("create an issue on GitHub about the login bug", "github"),  # not GitHub AE or Enterprise Server
        ("run a SQL query on our postgres database", "postgresql"),  # not Azure Database for PostgreSQL
        ("add a row to my Google Sheet", "google_sheets"),
        ("refund the last Stripe charge", "stripe"),
        ("send an SMS with Twilio", "twilio"),  # not Twilio - Messaging
        ("add a new lead to HubSpot", "hubspot"),  # not the imported HubSpot APIs
        ("Add this email to my spreadsheet", "google_sheets"),
        ("open a pull request in our repo", "github"),
    ],
)
def test_hand_written_apps_still_come_first_among_the_imported_ones(catalog, query, slug):
    assert catalog.apps[slug].source is None
    assert slugs(catalog.discover(query))[0] == slug


def test_a_meeting_goes_to_a_hand_written_scheduling_app(catalog):
    first = catalog.discover("schedule a meeting for Thursday")[0]
    assert first.slug in {"google_calendar", "calendly_v2", "microsoft_outlook", "zoom"} and catalog.apps[first.slug].source is None


def test_everyday_requests_are_not_crowded_out_by_imported_look_alikes(catalog):
    for query, slug in [("DM Alice that the deploy finished", "slack"), ("find open issues in my repo", "github"),
                        ("add these notes to my wiki", "notion"), ("call this webhook with a JSON body", "http")]:
        assert slug in slugs(catalog.discover(query, limit=3)), query


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("publish the draft on Medium", "medium"),
        ("create a droplet on DigitalOcean", "digitalocean"),
        ("pull the last month of bank transactions from Plaid", "plaid"),
        ("what is playing on spotify", "spotify"),
        ("translate this paragraph into German with Google Translate", "google_translate"),
        ("find a funny cat GIF on Giphy", "giphy"),
        ("list the users in our tenant with Microsoft Graph", "microsoft_graph"),
    ],
)
def test_imported_apps_are_found_by_name(catalog, query, slug):
    assert catalog.apps[slug].source is not None
    first = catalog.discover(query)[0]
    assert (first.slug, first.reason) == (slug, "named in the request")


def named(catalog, query):
    return [m.slug for m in catalog.discover(query) if m.reason == "named in the request"]


def test_imported_apps_are_not_named_by_the_words_every_api_shares(catalog):
    # The imported "Up API", "API", "API Endpoints" and "ReadMe" are not what these ask for.
    for query in ["fetch the JSON from this API endpoint", "make a GET request to the weather API",
                  "commit an updated README.md to the docs repo"]:
        assert named(catalog, query) == [], query
    # Nor are "Vault API" and "API Keys API" named by a part of "Azure Key Vault".
    assert all("keyvault" in catalog.apps[slug].name.lower().replace(" ", "")
               for slug in named(catalog, "read the database password from Azure Key Vault"))


def test_recall_at_5_on_the_evaluation_set(catalog):
    spec = importlib.util.spec_from_file_location("bench_discovery", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    prompts = bench.load_prompts()
    assert len(prompts) >= 100
    result = bench.evaluate(catalog, prompts)
    assert result["scored"] >= 80 and result["skipped_prompts"] > 0
    assert result["recall@5"] >= 0.9, result["misses"]
