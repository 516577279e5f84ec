from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _google

SERVICE = "Google Contacts"
API = "https://people.googleapis.com/v1"

SCOPES = [
    # Read and change the user's contacts and contact groups.
    "https://www.googleapis.com/auth/contacts",
    # Name the connected account by its email address.
    "https://www.googleapis.com/auth/userinfo.email",
]

# The fields read for each contact: what an agent needs, not photos or metadata.
PERSON_FIELDS = "names,emailAddresses,phoneNumbers,organizations,addresses,birthdays,biographies,urls,memberships"

# Connections and contact groups come up to 1000 a page; search results 30 at most.
MAX_PAGE = 1000
MAX_SEARCH = 30


async def _account_test(ctx):
    me = await api(ctx, "GET", "/people/me", params={"personFields": "names,emailAddresses"})
    email = next((e.get("value") for e in me.get("emailAddresses") or []), None)
    name = next((n.get("displayName") for n in me.get("names") or []), None)
    return Identity(name=email or name, external_id=me.get("resourceName"))


app = App(
    "google_contacts",
    "Google Contacts",
    "Keep the connected user's Google Contacts: list and search contacts, read, create, update and delete them, "
    "and sort them into contact groups (labels).",
    auth=_google.google_oauth(SCOPES),
    categories=["Productivity"],
    featured_weight=55,
    base_url=API,
    allowed_domains=["people.googleapis.com"],
    test=_account_test,
)


_NOT_FOUND = (
    "no contact or contact group has that resource name for this account; find contacts with "
    "google_contacts-search-contacts or google_contacts-list-contacts, groups with google_contacts-list-contact-groups"
)
_HINTS = {
    "failedPrecondition": "the contact changed since it was read; run the update again, it reads the latest version first",
    "invalid": "some values are not what Google Contacts expects; see the message",
    "badRequest": "some values are not what Google Contacts expects; see the message",
}


async def api(ctx, method, path, **kw):
    """A People API call's JSON answer; errors say what to fix."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _google.google_error(
            method, response, service=SERVICE, not_found=_NOT_FOUND, hints=_HINTS,
            forbidden="the account cannot change this contact or group (system groups other than myContacts and starred take no new members)",
            scope="the connection was not granted Google Contacts access; reconnect Google Contacts and approve it",
        )
    return response.json() if response.content else {}


def _resource(value, prefix, what, source):
    text = str(value or "").strip().strip("/")
    if prefix == "people" and "/person/" in text:
        text = text.split("/person/", 1)[1].split("?", 1)[0].strip("/")
    if text.startswith(f"{prefix}/"):
        text = text[len(prefix) + 1:]
    if not text or "/" in text:
        raise ActionError(f"{what} {value!r} is not a resource name such as `{prefix}/{source}`")
    return f"{prefix}/{_google.seg(text)}"


def person_name(value):
    """`people/c123…`, also from the bare ID."""
    return _resource(value, "people", "contact", "c4823712375012734")


def group_name(value):
    """`contactGroups/…`, also from the bare ID."""
    return _resource(value, "contactGroups", "contact group", "3e2f1a9b0c8d7e6f")


# The props a contact is written from.
FIELDS = ("givenName", "familyName", "emails", "phones", "organization", "jobTitle", "notes")


def person_body(values):
    """The People API's fields for the values given (only those given)."""
    body = {}
    name = {key: values[key] for key in ("givenName", "familyName") if values.get(key)}
    if name:
        body["names"] = [name]
    if values.get("emails"):
        body["emailAddresses"] = [{"value": str(e).strip()} for e in values["emails"] if str(e).strip()]
    if values.get("phones"):
        body["phoneNumbers"] = [{"value": str(p).strip()} for p in values["phones"] if str(p).strip()]
    organization = {key: values[source] for key, source in (("name", "organization"), ("title", "jobTitle")) if values.get(source)}
    if organization:
        body["organizations"] = [organization]
    if values.get("notes"):
        body["biographies"] = [{"value": values["notes"], "contentType": "TEXT_PLAIN"}]
    return body


def person_summary(person):
    name = next(iter(person.get("names") or []), {})
    organization = next(iter(person.get("organizations") or []), {})
    birthday = next(iter(person.get("birthdays") or []), {})
    date = birthday.get("date") or {}
    return {
        "resource_name": person.get("resourceName"),
        "etag": person.get("etag"),
        "name": name.get("displayName") or name.get("unstructuredName"),
        "given_name": name.get("givenName"),
        "family_name": name.get("familyName"),
        "emails": [{"value": e.get("value"), "type": e.get("type")} for e in person.get("emailAddresses") or []],
        "phones": [{"value": p.get("value"), "type": p.get("type")} for p in person.get("phoneNumbers") or []],
        "organization": organization.get("name"),
        "job_title": organization.get("title"),
        "addresses": [a.get("formattedValue") for a in person.get("addresses") or [] if a.get("formattedValue")],
        "birthday": birthday.get("text") or ("-".join(f"{date[k]:02d}" for k in ("year", "month", "day") if date.get(k)) or None),
        "notes": next((b.get("value") for b in person.get("biographies") or []), None),
        "urls": [u.get("value") for u in person.get("urls") or []],
        "groups": [m["contactGroupMembership"].get("contactGroupResourceName")
                   for m in person.get("memberships") or [] if m.get("contactGroupMembership")],
    }


def group_summary(group):
    return {
        "resource_name": group.get("resourceName"),
        "name": group.get("formattedName") or group.get("name"),
        "group_type": group.get("groupType"),
        "member_count": group.get("memberCount", 0),
    }


async def collect(ctx, path, key, *, limit, cursor, params):
    """Up to `limit` records of a People list, from `cursor` (a page token) on, and the token after them."""
    records, token = [], cursor or None
    while len(records) < limit:
        query = {**params, "pageSize": min(MAX_PAGE, limit - len(records))}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", path, params=query)
        records.extend(page.get(key) or [])
        token = page.get("nextPageToken")
        if not token:
            break
    return records[:limit], token


def _label(person):
    summary = person_summary(person)
    email = next((e["value"] for e in summary["emails"] if e["value"]), None)
    return " ".join(filter(None, [summary["name"], f"<{email}>" if email else None])) or person["resourceName"]


async def _contact_options(ctx):
    query = {"personFields": "names,emailAddresses", "sortOrder": "FIRST_NAME_ASCENDING", "pageSize": 100}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", "/people/me/connections", params=query)
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=_label(p), value=p["resourceName"]) for p in page.get("connections") or []],
                       context={"pageToken": token} if token else None)


async def _group_options(ctx):
    query = {"pageSize": 100}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", "/contactGroups", params=query)
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=g.get("formattedName") or g.get("name") or g["resourceName"], value=g["resourceName"])
                                for g in page.get("contactGroups") or []],
                       context={"pageToken": token} if token else None)


app.define(
    "resourceName",
    props.string(
        "Contact",
        "The contact's resource name, e.g. `people/c4823712375012734`, from google_contacts-search-contacts or "
        "google_contacts-list-contacts (`resource_name`). The ID after `/person/` in a contacts.google.com URL works too.",
        options=_contact_options,
    ),
)

app.define(
    "contactGroup",
    props.string(
        "Contact Group",
        "The group's (label's) resource name, e.g. `contactGroups/3e2f1a9b0c8d7e6f` or `contactGroups/starred`, from "
        "google_contacts-list-contact-groups.",
        options=_group_options,
    ),
)

app.define("givenName", props.string("First Name", "The contact's given name, e.g. `Ana`.", optional=True))
app.define("familyName", props.string("Last Name", "The contact's family name, e.g. `Silva`.", optional=True))
app.define("emails", props.string_list("Emails", "Email addresses, the first being the main one, e.g. `[\"ana@example.com\"]`.", optional=True))
app.define("phones", props.string_list("Phone Numbers", "Phone numbers, e.g. `[\"+351 912 345 678\"]`.", optional=True))
app.define("organization", props.string("Company", "The organisation the contact works for.", optional=True))
app.define("jobTitle", props.string("Job Title", "The contact's title at that organisation.", optional=True))
app.define("notes", props.string("Notes", "Free-text notes about the contact.", optional=True))
