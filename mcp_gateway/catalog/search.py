"""Ranking apps for a request in plain words ("add this email to my spreadsheet"), with no LLM.

A `SearchIndex` is built once per catalog and answers in milliseconds:

- an app named in the request (by name, slug, a nickname like "gsheets", or misspelled)
  comes first, in the order the request names them;
- the other apps are ranked by BM25 over weighted fields (name, categories, description,
  action titles, action descriptions), where everyday words also count as the capability
  they stand for ("meeting" → calendar, "row" → spreadsheets and databases; see `CONCEPTS`);
- a request joining several asks ("... and ...") is scored per part, parts that name their
  app are left to it, and the top of the list is spread so that each capability asked for
  gets its best apps there;
- `featured_weight` nudges near ties, and imported apps (`app.source`, thousands of them from
  the OpenAPI directory) count for half a hand-written app: they are found by name and by what
  only they do, without crowding out the curated apps for everyday requests. Their text is
  read without the words every API shares ("REST API", "v2", "GET /path"), and their
  operation titles count as words, not as capabilities.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .model import App

# Everyday words and the capability they stand for. Apps get the same concept terms from
# their own text, so a request finds apps that never use its exact words.
CONCEPTS: dict[str, str] = {
    "spreadsheets": "spreadsheet sheet worksheet workbook cell csv xlsx formula",
    "tables": "row column table record",  # spreadsheets and databases alike
    "databases": "database db sql query schema select insert upsert",
    "http": "http https url uri endpoint webhook api rest request curl fetch download json status-code "
    "get-request post-request put-request patch-request delete-request",
    "files": "file folder upload download attachment pdf storage drive image photo",
    "email": "email e-mail mail inbox mailbox unread cc bcc",
    "chat": "message chat channel dm direct-message thread ping notify notification mention emoji reaction",
    "code": "repo repository commit branch merge pr pull-request merge-request code codebase release fork gist",
    # Issues and bugs live in code hosts and issue trackers alike: their own concept, not "code".
    "issues": "issue bug defect",
    "tasks": "task todo to-do project board card kanban sprint backlog ticket milestone assignee checklist",
    "docs": "page doc document wiki note knowledge-base writeup journal article block",
    "calendar": "calendar meeting schedule event appointment invite availability booking reschedule agenda",
    "crm": "crm lead deal contact pipeline opportunity prospect customer",
    "sms": "sms mms text-message phone voicemail",
    "payments": "payment invoice charge refund subscription billing checkout payout",
    "accounting": "invoice expense bookkeeping ledger bill receipt",  # not "accounting": it stems to "account"
    "ecommerce": "order product inventory shop storefront cart sku fulfillment shipment",
    "support": "ticket support helpdesk help-desk",
    "forms": "form survey submission questionnaire poll quiz",
    "marketing": "campaign newsletter subscriber audience mailing-list",
    "social": "tweet post social follower hashtag",
    "video": "video webinar recording video-call",
    "hr": "employee candidate applicant hire hiring recruit payroll onboarding",
    "analytics": "analytics metric dashboard pageview traffic chart",
}

# Words too common to tell apps apart; dropped from requests and app text alike.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any app apps are as at be been before being
    below between both but by can could did do does doing done down during each either else every few
    for from further get got had has have having he her here hers him his how i if in into is it its
    itself just know let like me mine more most my myself need no nor not now of off on once only onto
    or other our ours out over own please plus same she should so some such than thank thanks that the
    their theirs them then there these they this those through to too tool under until up upon us use
    using very via want was we were what when where which while who whom why will with would you your
    yours hey hi ok okay one two new old latest recent last first next previous current quick quickly
    today yesterday tomorrow tonight soon later ago since still already maybe really sure right lot lots
    finished anywhere everywhere somewhere nowhere anything everything something nothing anyone everyone
    someone anybody everybody somebody nobody""".split()
)

# Generic verbs: they match most apps, so they count for less than a noun.
WEAK_WORDS = frozenset(
    """add create update get find list make set delete remove read write show check change open put send
    save edit keep tell look grab run call hit copy move turn jot""".split()
)

# "add this email to my spreadsheet": the word after `this` is the data, the word after `to` the place.
# "to this sheet", "from this URL": a place (or a source) even when pointed at with `this`.
_DATA_MARKERS = frozenset("this that these those".split())
_PLACE_MARKERS = frozenset("to into in on onto inside from".split())
_SPLITTERS = frozenset("and then also plus".split())

# Nicknames a generic rule cannot derive; used only for apps the catalog has.
ALIASES: dict[str, tuple[str, ...]] = {
    "postgresql": ("postgres", "psql"),
    "google_sheets": ("google spreadsheet", "google spreadsheets"),
    "google_calendar": ("gcal",),
    "microsoft_excel": ("excel",),
    "microsoft_teams": ("ms teams",),
    "airtable_oauth": ("airtable",),
}

# Vendors whose product is often called by the rest of its name ("Excel" for "Microsoft Excel").
_VENDORS = frozenset("google microsoft ms zoho amazon aws azure adobe apple meta facebook ibm oracle".split())

# Words an imported app's text uses for its interface, not for what it does ("The Zoom API",
# "KeyVaultClient", "Post /exports/activity.json"): every imported app is an HTTP API described
# by its OpenAPI document, so these tell none of them apart (and would make each one look like
# the HTTP app). Hand-written apps keep them: there they are chosen words.
INTERFACE_WORDS = frozenset(
    """api apis rest restful openapi swagger sdk client endpoint endpoints http https json xml www com
    documentation reference specification spec""".split()
)
_VERSION_WORD = re.compile(r"v\d+(?:beta|alpha)?\d*|\d+")
_CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_CAMEL_CASE = re.compile(r"[a-z][A-Z]")

FIELD_WEIGHTS = {"name": 6.0, "category": 4.0, "description": 2.0, "action": 1.5, "action_text": 0.5}
# An imported app's categories are the directory's coarse tags (every Google API is "Analytics,
# Media"), not chosen like a hand-written app's: they count as little as its description.
IMPORTED_FIELD_WEIGHTS = {**FIELD_WEIGHTS, "category": 1.0}
# Length normalisation per field: long action text should not win by volume alone.
FIELD_B = {"name": 0.0, "category": 0.0, "description": 0.3, "action": 0.5, "action_text": 0.75}
K1 = 1.2

# Query word weights: a generic verb, a respelled word, a completion of a half-typed last word,
# the data ("this email") and the place ("to my spreadsheet").
WEAK, FUZZY, PREFIX, DATA, PLACE = 0.4, 0.7, 0.5, 0.35, 1.5
WEAK_IDF = 1.0  # a generic verb rare in this catalog ("save") is still a generic verb
PRIOR = 0.1  # at most this share of a score comes from featured_weight
# An imported app's score counts for this share of a hand-written one's: one of thousands of
# generated apps, it has to fit a request twice as well to come before a curated app that fits.
IMPORTED_PRIOR = 0.5
MIN_RELEVANCE = 0.05  # below this an app matched only in passing
# How much a covered ask counts less; among how many of the top apps and of the best for each ask.
SPREAD, SPREAD_POOL, SPREAD_PER_ASK, SPREAD_DEPTH = 0.7, 30, 5, 10
MAX_QUERY_CHARS = 1000  # a request is a sentence or two; this bounds the work for anything longer

# "README.md", "report.pdf": a file named in the request is its data, not a hint of the app.
_FILE_TYPES = "md|txt|pdf|csv|tsv|json|xml|ya?ml|xlsx?|docx?|pptx?|png|jpe?g|gif|svg|zip|gz|mp3|mp4|wav|html?|py|js|log"
_LEXEME = re.compile(
    r"(?P<url>https?://\S+|www\.\S+)"
    r"|(?P<address>[\w.+-]+@[\w-]+\.[\w.-]+)"
    rf"|(?P<file>[\w-]+\.(?i:{_FILE_TYPES})\b)"
    r"|#(?P<hash>[^\W_][\w-]*)"
    r"|(?P<word>[^\W_]+(?:-[^\W_]+)*)"
    r"|(?P<stop>[,;.!?])"
)
_VOWEL = re.compile(r"[aeiouy]")
_WORD = re.compile(r"[^\W_]+")


class Ranked(NamedTuple):
    app: App
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class AppMatch:
    """One app found for a request, for the discovery tool: higher `score` is better; above 1
    when the request names the app."""

    slug: str
    name: str
    score: float
    reason: str


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Plurals, -ing, -ed and a final e stripped, enough to make "updated rows" meet "update row"."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        root = w[: -len(suffix)]
        if w.endswith(suffix) and len(root) >= 3 and _VOWEL.search(root):
            w = root
            if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if len(w) >= 4 and w.endswith("e"):
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lowercase words of some text; hyphens, underscores and punctuation split them."""
    return _WORD.findall(text.lower())


# Code in prose (`like this`) and tool keys (slack-send-message, google_drive-list-files).
_CODE = re.compile(r"`[^`]*`|\b[a-z0-9_]+(?:-[a-z0-9]+)+\b")
_LOWER_WORD = re.compile(r"(?<![A-Za-z0-9])[a-z][a-z0-9]*")


def prose_words(text: str) -> set[str]:
    """Stems of the words some prose writes in lower case: the everyday words it uses. A
    product it names ("GitHub", "Slack") is written with a capital, or as a tool key."""
    return {stem(w) for w in _LOWER_WORD.findall(_CODE.sub(" ", text)) if w not in STOPWORDS}


def _concept_table() -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], tuple[str, ...]]]:
    """Stemmed trigger → concept terms. A two-word trigger ("text-message") counts written as
    two words or as one ("todo", "helpdesk")."""
    single: dict[str, list[str]] = {}
    double: dict[tuple[str, str], list[str]] = {}
    for concept, triggers in CONCEPTS.items():
        for trigger in triggers.split():
            first, _, second = trigger.partition("-")
            found = [single.setdefault(stem(first + second), [])]
            if second:
                found.append(double.setdefault((stem(first), stem(second)), []))
            for terms in found:
                if "@" + concept not in terms:
                    terms.append("@" + concept)
    return {k: tuple(v) for k, v in single.items()}, {k: tuple(v) for k, v in double.items()}


_SINGLE_CONCEPTS, _DOUBLE_CONCEPTS = _concept_table()
_DOUBLE_FIRST = frozenset(first for first, _ in _DOUBLE_CONCEPTS)
_VENDOR_STEMS = frozenset(stem(v) for v in _VENDORS)
_TRIGGER_WORDS = frozenset(w for triggers in CONCEPTS.values() for t in triggers.split() for w in t.split("-"))


def concept_terms(stems: list[str]) -> list[tuple[int, str]]:
    """(position, concept term) for every trigger in a run of stems; a two-word trigger
    ("status code", "pull request") stands instead of its words' own concepts."""
    found: list[tuple[int, str]] = []
    taken = -1
    for i, s in enumerate(stems):
        pair = (s, stems[i + 1]) if i + 1 < len(stems) else None
        if pair in _DOUBLE_CONCEPTS:
            found += [(i, term) for term in _DOUBLE_CONCEPTS[pair]]
            taken = i + 1
        elif i != taken:
            found += [(i, term) for term in _SINGLE_CONCEPTS.get(s, ())]
    return found


def _field_terms(text: str | list[str], concepts: bool = True) -> list[str]:
    """The stems of some text (or of its lowercase words), and the concepts they stand for."""
    stems = [stem(w) for w in (words(text) if isinstance(text, str) else text) if w not in STOPWORDS and len(w) > 1]
    return stems + [term for _, term in concept_terms(stems)] if concepts else stems


def _title_terms(titles: list[str]) -> list[str]:
    """The stems of action titles and the concepts of what each acts on. A title is a verb and its
    object: the verb's own concept counts only when the object has none ("Schedule Message" is
    about chat, not calendars; "Schedule" alone would be)."""
    terms: list[str] = []
    for title in titles:
        stems = _field_terms(title, concepts=False)
        objects = concept_terms(stems[1:])
        terms += stems + [term for _, term in (objects or concept_terms(stems))]
    return terms


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a swap counts as one edit), or limit + 1 when larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _imported_words(text: str) -> list[str]:
    """An imported app's text as lowercase words, without the words for its interface and
    versions; a camelCase word counts whole and as its parts ("KeyVaultClient": keyvaultclient,
    key, vault)."""
    out: list[str] = []
    for raw in _WORD.findall(text):
        word = raw.lower()
        if word in INTERFACE_WORDS or _is_version(word):
            continue
        out.append(word)
        if raw[1:] != word[1:]:  # a capital after the first letter
            out.extend(part.lower() for part in _camel_parts(raw) if part.lower() not in INTERFACE_WORDS)
    return out


def _is_version(word: str) -> bool:
    return word.isdigit() or (word[0] == "v" and word[1:2].isdigit() and _VERSION_WORD.fullmatch(word) is not None)


def _camel_parts(word: str) -> list[str]:
    """The parts of a camelCase word ("KeyVaultClient": Key, Vault, Client); none for another."""
    return _CAMEL_PART.findall(word) if _CAMEL_CASE.search(word) else []


def _name_forms(app: App) -> list[list[str]]:
    """The word sequences that name an app: its name and slug (and nicknames); an imported app's
    without their interface words ("Zoom API": zoom), its camelCase name also split
    ("KeyVaultClient": key vault)."""
    if app.source is None:
        return [words(app.name), app.slug.split("_")] + [words(alias) for alias in ALIASES.get(app.slug, ())]
    name = _WORD.findall(app.name)
    split = [part for raw in name for part in _camel_parts(raw) or [raw]]
    forms = [[w.lower() for w in name], [w.lower() for w in split], app.slug.split("_")]
    out: list[list[str]] = []
    for form in forms:
        form = [w for w in form if w not in INTERFACE_WORDS and not _is_version(w)]
        if form and form not in out:
            out.append(form)
    return out


class _Word(NamedTuple):
    surface: str  # as written, for reasons
    stem: str
    weight: float
    capitalised: bool  # written with a capital, not at the start of a sentence
    segment: int
    partial: bool = False  # a completion of a half-typed last word
    position: int = 0  # among all the request's words and other lexemes, to tell neighbours


_NO_POSTINGS: tuple[tuple[int, ...], tuple[float, ...]] = ((), ())


class SearchIndex:
    """Everything a query needs, computed from the apps once."""

    def __init__(self, apps: Iterable[App]) -> None:
        self.apps = list(apps)
        n = len(self.apps)
        top_weight = max((a.featured_weight for a in self.apps), default=0)
        self._prior = [
            (1 - PRIOR + PRIOR * (a.featured_weight / top_weight if top_weight > 0 else 0))
            * (1.0 if a.source is None else IMPORTED_PRIOR)
            for a in self.apps
        ]

        # BM25F: per app and term, field-weighted and length-normalised frequencies, saturated once.
        self._forms = [_name_forms(app) for app in self.apps]
        fields = [self._fields(app, forms) for app, forms in zip(self.apps, self._forms)]
        # Average lengths over the apps that have the field: imported apps have no action
        # descriptions, and would make every hand-written app's look long.
        average = {}
        for f in FIELD_WEIGHTS:
            lengths = [len(doc[f]) for doc in fields if doc[f]]
            average[f] = sum(lengths) / len(lengths) if lengths else 0.0
        # Postings as packed arrays, filled app by app: with the pack's 2,000 apps, a dict per
        # term (or per app) costs megabytes that stay resident.
        self._postings: dict[str, tuple[array[int], array[float]]] = {}
        curated: Counter[str] = Counter()  # hand-written apps whose prose uses a term as a plain word
        others: Counter[str] = Counter()  # apps whose text holds a term their name does not
        for i, (app, forms, doc) in enumerate(zip(self.apps, self._forms, fields)):
            field_weights = FIELD_WEIGHTS if app.source is None else IMPORTED_FIELD_WEIGHTS
            tf: dict[str, float] = {}
            for field, terms in doc.items():
                b = FIELD_B[field]
                norm = field_weights[field] / (1 - b + b * len(terms) / average[field]) if terms else 0.0
                for term, count in Counter(terms).items():
                    tf[term] = tf.get(term, 0.0) + count * norm
            for term, x in tf.items():
                ids, scores = self._postings.setdefault(term, (array("I"), array("f")))
                ids.append(i)
                scores.append(x * (K1 + 1) / (x + K1))
            text = {t for f in ("description", "action", "action_text") for t in doc[f]}
            if app.source is None:
                curated.update(prose_words(" ".join((app.description, *(a.description for a in app.actions.values())))))
            others.update(text - {stem(w) for form in forms for w in form})
        self._idf = {t: math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5)) for t, (ids, _) in self._postings.items()}
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        # What a clear match on one term is worth: found in an app's description.
        x = FIELD_WEIGHTS["description"]
        self._full_match = x * (K1 + 1) / (x + K1)

        self._names = [(" ".join(words(a.name)), " ".join(a.slug.split("_"))) for a in self.apps]
        self._phrases, self._ambiguous = self._name_phrases(curated, others)
        self._longest_phrase = max((len(p) for p in self._phrases), default=1)

        # Spelling: known words (not all action text, which is long and noisy) by their one-letter deletions.
        known = set(_TRIGGER_WORDS)
        for app, forms in zip(self.apps, self._forms):
            known.update(w for form in forms for w in form)
            known.update(words(" ".join(app.categories)))
            if app.source is None:  # imported descriptions are long and many: their names suffice
                known.update(words(app.description))
        known = {w for w in known if w.isalpha() and len(w) >= 4 and w not in STOPWORDS}
        spelling: dict[str, list[str]] = {}
        for word in sorted(known):
            for variant in _deletes(word) | {word}:
                spelling.setdefault(variant, []).append(word)
        # Most variants lead to one word: a bare string then, a tuple only for several.
        self._spelling: dict[str, str | tuple[str, ...]] = {
            variant: found[0] if len(found) == 1 else tuple(found) for variant, found in spelling.items()
        }
        self._vocabulary = sorted(self._postings)

    @staticmethod
    def _fields(app: App, forms: list[list[str]]) -> dict[str, list[str]]:
        # A hand-written slug's interface words are not its name ("salesforce_rest_api": Salesforce).
        shown = set(words(app.name))
        name_words = {w for form in forms for w in form if w in shown or w not in INTERFACE_WORDS}
        # A camelCase name's parts are words of it too ("GitHub": git, "PostgreSQL": sql).
        name_words.update(part.lower() for raw in _WORD.findall(app.name) for part in _camel_parts(raw))
        texts: list[str] | list[list[str]] = [app.description, *app.action_text()]
        if app.source is not None:
            texts = [_imported_words(text) for text in texts]
        description, titles, descriptions = texts
        return {
            "name": _field_terms(" ".join(sorted(name_words))),
            "category": _field_terms(" ".join(app.categories)),
            "description": _field_terms(description),
            # What an app is comes from its name, description and action titles; action descriptions
            # mention URLs, pages of results and emails in passing, so they bring no concepts. An
            # imported app's titles are its OpenAPI operations, many and generated ("Get country
            # code", "List branches" of a bank): words of it, but what it is comes from its name
            # and description.
            "action": _field_terms(titles, concepts=False) if app.source is not None
            else _title_terms([a.name for a in app.actions.values()]),
            "action_text": _field_terms(descriptions, concepts=False),
        }

    def _name_phrases(
        self, curated: Counter[str], others: Counter[str]
    ) -> tuple[dict[tuple[str, ...], list[int]], set[tuple[str, ...]]]:
        """Stemmed word sequences that name an app, and those made of everyday words only: they
        name the app only when written with a capital ("post it to Close").

        `curated` counts the hand-written apps whose prose writes a term in lower case, `others`
        the apps whose text holds it though their name does not. A hand-written app's name is an
        everyday word when curated prose uses it as one ("a check box", "in linear order"); naming
        the product ("attach a GitHub link") does not make it one, nor does imported text, which
        names other products in passing. An imported app's name is everyday
        when any other app uses it: imported names are often plain words ("Shop", "Increase").
        A name a hand-written app has is its name alone, not also that of the imported apps
        that share it ("GitHub v3 REST API", "Azure Database for PostgreSQL"); a vendor alone
        ("Google") names no imported app.
        """

        def key_of(raw: list[str]) -> tuple[str, ...]:
            return tuple(stem(w) for w in raw if w not in STOPWORDS and len(w) > 1)

        def everyday(word: str, imported: bool) -> bool:
            if word in _SINGLE_CONCEPTS or word in _DOUBLE_FIRST or len(word) < 3:
                return True
            return others[word] >= 1 if imported else curated[word] >= 2

        phrases: dict[tuple[str, ...], list[int]] = {}
        owned: set[tuple[str, ...]] = set()
        for i, app in enumerate(self.apps):
            imported = app.source is not None
            forms = list(self._forms[i])
            for form in [f for f in forms if len(f) > 1]:
                forms.append(["".join(form)])  # "googlesheets"
                forms.append(["".join(w[0] for w in form[:-1]) + form[-1]])  # "gsheets"
                # "Excel" for "Microsoft Excel", but not "calendar" for "Google Calendar" (nor for
                # "Google Calendar API": English words are those that curated text uses).
                if form[0] in _VENDORS and not all(everyday(w, False) for w in key_of(form[1:])):
                    forms.append(form[1:])
            for key in map(key_of, forms):
                if not key or (imported and all(w in _VENDOR_STEMS for w in key)):
                    continue
                if i not in phrases.setdefault(key, []):
                    phrases[key].append(i)
                if not imported:
                    owned.add(key)
        ambiguous = set()
        for key in list(phrases):
            if key in owned:
                phrases[key] = [i for i in phrases[key] if self.apps[i].source is None]
                if len(key) == 1 and everyday(key[0], False):
                    ambiguous.add(key)
            elif all(everyday(w, True) for w in key):
                ambiguous.add(key)
        return phrases, ambiguous

    # Queries

    def rank(self, query: str | None, limit: int | None = None) -> list[Ranked]:
        """Apps for the request, best first; empty when nothing in it points at any app."""
        if not query or not self.apps:
            return []
        query = query[:MAX_QUERY_CHARS]
        ws, extra = self._read(query)
        named, named_segments = self._named(ws)
        # The parts of a request that name their app need no discovery: the others decide the rest.
        unnamed = {w.segment for w in ws if w.surface not in WEAK_WORDS} | {segment for segment, _ in extra}
        if unnamed - named_segments:
            ws = [w for w in ws if w.segment not in named_segments]
            extra = [e for e in extra if e[0] not in named_segments]
        parts = _parts(ws, extra)
        relevance, surfaces = self._score(parts)
        hints = self._name_hints(query) if len(parts) <= 1 else {}
        for i, (share, _) in hints.items():
            relevance[i] = max(relevance.get(i, 0.0), share)

        scored = {i: rel * self._prior[i] for i, rel in relevance.items() if i not in named and rel >= MIN_RELEVANCE}
        order = sorted(scored, key=lambda i: (-scored[i], -self.apps[i].featured_weight, self.apps[i].slug))
        # What the request asks for: its content words that stand for a capability (not its data).
        asks = {(surface, term) for part in parts for term, weight, surface in part if term[0] == "@" and weight >= 1}
        if len({term for _, term in asks}) > 1:
            depth = max(limit or 0, SPREAD_DEPTH)
            order = self._spread(order, scored, surfaces, {surface for surface, _ in asks}, named, depth)

        out = [Ranked(self.apps[i], round(1 + relevance.get(i, 0.0) * self._prior[i], 4), "named in the request")
               for i in named]
        for i in order[: None if limit is None else max(0, limit - len(out))]:
            if i in hints and hints[i][0] >= relevance[i]:
                reason = hints[i][1]
            else:
                top = sorted(surfaces[i].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
                reason = "matches: " + ", ".join(surface for surface, _ in top)
            out.append(Ranked(self.apps[i], round(scored[i], 4), reason))
        return out

    def _score(
        self, parts: list[list[tuple[str, float, str]]]
    ) -> tuple[dict[int, float], dict[int, Counter[str]]]:
        """Each app's relevance in [0, 1), and how much each of the request's words it matched
        brought.

        Each part of the request scores apps against what a clear match on all its terms would
        get; words neither an app nor a concept knows (names, numbers...) are data, left out.
        """
        relevance: dict[int, float] = {}
        surfaces: dict[int, Counter[str]] = {}
        for terms in parts:
            weighted = [(term, weight * self._term_idf(term, surface), surface) for term, weight, surface in terms]
            # A word that stands for a capability counts no more written out than as the capability:
            # "wiki" is worth what docs apps are, however few of the catalog's apps say "wiki".
            cap: dict[str, float] = {}
            for term, w, surface in weighted:
                if term[0] == "@":
                    cap[surface] = max(cap.get(surface, 0.0), w)
            weighted = [(term, min(w, cap.get(surface, w)), surface) for term, w, surface in weighted]
            ideal = sum(w for term, w, _ in weighted if term in self._idf or term.startswith("@")) * self._full_match
            if ideal <= 0:
                continue
            scores: dict[int, float] = {}
            for term, w, surface in weighted:
                for i, s in zip(*self._postings.get(term, _NO_POSTINGS)):
                    s *= w / ideal
                    scores[i] = scores.get(i, 0.0) + s
                    surfaces.setdefault(i, Counter())[surface] += s
            for i, share in scores.items():
                relevance[i] = relevance.get(i, 0.0) + _bounded(share) / len(parts)
        return relevance, surfaces

    def _term_idf(self, term: str, surface: str) -> float:
        idf = self._idf.get(term, self._unseen_idf)
        return min(idf, WEAK_IDF) if surface in WEAK_WORDS else idf

    def _spread(
        self,
        order: list[int],
        scored: dict[int, float],
        evidence: dict[int, Counter[str]],
        asks: set[str],
        named: list[int],
        depth: int,
    ) -> list[int]:
        """Reorder the top so each thing the request asks for gets its best apps near the top:
        once an app covering an ask is placed, that ask counts for less in the apps after it
        ("open bugs in our repo into rows in a sheet" wants a code host and a spreadsheet)."""
        # The top of the list, and the best few for each ask, however low their total.
        chosen = set(order[:SPREAD_POOL])
        for word in asks:
            having = (i for i in order if word in evidence[i])
            chosen.update(heapq.nlargest(SPREAD_PER_ASK, having, key=lambda i: evidence[i][word]))
        pool = [i for i in order if i in chosen]
        rest = [i for i in order if i not in chosen]
        best: dict[str, float] = {}
        for i in pool + named:
            for word, s in evidence.get(i, {}).items():
                if word in asks:
                    best[word] = max(best.get(word, 0.0), s)
        left = {word: 1.0 for word in best}

        def cover(i: int) -> None:
            for word, s in evidence.get(i, {}).items():
                if word in left:
                    left[word] *= 1 - SPREAD * s / best[word]

        def gain(i: int) -> float:
            words = evidence.get(i, {})
            total = sum(words.values())
            return scored[i] * (sum(s * left.get(w, 1.0) for w, s in words.items()) / total if total else 1.0)

        for i in named:
            cover(i)
        position = {i: k for k, i in enumerate(pool)}
        placed: list[int] = []
        while pool and len(placed) < depth:
            pick = max(pool, key=lambda i: (gain(i), scored[i], -position[i]))
            pool.remove(pick)
            placed.append(pick)
            cover(pick)
        return placed + pool + rest

    def _read(self, query: str) -> tuple[list[_Word], list[tuple[int, tuple[str, float, str]]]]:
        """The request's content words (stemmed, weighted, spelling fixed) split into parts at
        "and", "then" and punctuation, and the concept terms its URLs and #tags stand for."""
        ws: list[_Word] = []
        extra: list[tuple[int, tuple[str, float, str]]] = []
        segment, sentence_start, data, place = 0, True, False, False
        lexemes = list(_LEXEME.finditer(query))
        last_word = max((k for k, m in enumerate(lexemes) if m.group("word")), default=-1)
        for k, m in enumerate(lexemes):
            kind = m.lastgroup
            if kind == "stop":
                segment += 1
                sentence_start = m.group() in ".!?"
                continue
            if kind != "word":
                if kind == "url":
                    extra.append((segment, ("@http", 1.0, "URL")))
                elif kind == "hash":
                    tag = m.group("hash")
                    # "#42" is an issue or pull request; "#general" a chat channel.
                    extra.append((segment, ("@code" if tag.isdigit() else "@chat", 1.0, "#" + tag)))
                # An email address or a file name is data, not a hint of the app. Whatever it is,
                # it was the data or the place a marker pointed at ("in #general that the build...").
                data = place = False
                continue
            raw = m.group()
            joined = raw.replace("-", "")
            # "to-do", "e-mail": one word when known as one, else its parts.
            parts = [joined] if "-" in raw and self._knows(stem(joined.lower())) else raw.split("-")
            for n, part in enumerate(parts):
                lower = part.lower()
                # "Close", not "CRM" or "SMS": an acronym is written in capitals whatever it names.
                capitalised = part[:1].isupper() and not part.isupper() and not sentence_start
                sentence_start = False
                if lower in _SPLITTERS:
                    segment += 1
                    continue
                if lower in _DATA_MARKERS:
                    data = True
                    continue
                if lower in _PLACE_MARKERS:
                    place, data = True, False
                    continue
                if lower in STOPWORDS or len(lower) < 2:
                    continue
                weight = WEAK if lower in WEAK_WORDS else 1.0
                s = stem(lower)
                if not self._knows(s):
                    fixed = self._respell(lower)
                    if fixed:
                        s, weight = stem(fixed), weight * FUZZY
                    else:
                        if k == last_word and n == len(parts) - 1:  # perhaps still being typed
                            completions = self._completions(s)
                            ws += [_Word(lower, c, weight * PREFIX, False, segment, True, k) for c in completions]
                        data = place = False
                        continue
                if place:
                    weight *= PLACE
                elif data:
                    weight *= DATA
                data = place = False
                ws.append(_Word(lower, s, weight, capitalised, segment, False, k))
        return ws, extra

    def _knows(self, s: str) -> bool:
        return s in self._postings or s in _SINGLE_CONCEPTS or s in _DOUBLE_FIRST or (s,) in self._phrases

    def _respell(self, word: str) -> str | None:
        """The known word this one is a typo of: one edit away (two for long words)."""
        if not 4 <= len(word) <= 30 or not word.isalpha():
            return None
        candidates: set[str] = set()
        for variant in _deletes(word) | {word}:
            found = self._spelling.get(variant, ())
            candidates.update((found,) if isinstance(found, str) else found)
        limit = 2 if len(word) >= 8 else 1
        # Typos rarely hit the first letter; requiring it keeps "motion" from becoming "notion".
        best = sorted((_edit_distance(word, c, limit), c) for c in candidates if len(c) >= 4 and c[0] == word[0])
        return best[0][1] if best and best[0][0] <= limit else None

    def _completions(self, prefix: str, most: int = 8) -> list[str]:
        """Known terms a half-typed last word could be ("develop" → "developer")."""
        if len(prefix) < 3:
            return []
        start = bisect_left(self._vocabulary, prefix)
        found = []
        for term in self._vocabulary[start : start + 200]:
            if not term.startswith(prefix):
                break
            if not term.startswith("@"):
                found.append(term)
        found.sort(key=lambda t: (-len(self._postings[t][0]), t))
        return found[:most]

    def _named(self, ws: list[_Word]) -> tuple[list[int], set[int]]:
        """Apps the request names, in the order it names them (the longest name wins at each
        word), and the parts of the request that name them."""
        found: list[int] = []
        segments: set[int] = set()
        k = 0
        while k < len(ws):
            step = 1
            for length in range(min(self._longest_phrase, len(ws) - k), 0, -1):
                run = ws[k : k + length]
                key = tuple(w.stem for w in run)
                if any(w.partial for w in run) or key not in self._phrases:
                    continue
                # Everyday words name an app when the whole query, or capitalised mid-sentence as a
                # name of their own: "Box", not the "Key" of "Azure Key Vault".
                if key not in self._ambiguous or len(ws) == length or _own_name(ws, k, length):
                    found.extend(i for i in self._phrases[key] if i not in found)
                    segments.add(ws[k].segment)
                    step = length
                break
            k += step
        return found, segments

    def _name_hints(self, query: str) -> dict[int, tuple[float, str]]:
        """A short query that starts or sits inside an app's name, as typed into a search box."""
        typed_words = words(query)
        if not typed_words or len(typed_words) > 3:
            return {}
        typed = " ".join(typed_words)
        hints = {}
        for i, (name, slug) in enumerate(self._names):
            if name.startswith(typed) or slug.startswith(typed):
                hints[i] = (0.9, f"name starts with {typed!r}")
            elif len(typed) >= 3 and (typed in name or typed in slug):
                hints[i] = (0.6, f"name contains {typed!r}")
        return hints


def _own_name(ws: list[_Word], k: int, length: int) -> bool:
    """Whether the words ws[k : k + length] are written as a name of their own: capitalised, and
    not inside a longer run of capitalised words (but after a vendor: "Google Cloud Vision")."""
    if not ws[k].capitalised:
        return False
    at = {w.position: w for w in ws}
    after = at.get(ws[k + length - 1].position + 1)
    if after is not None and after.capitalised:
        return False
    before = at.get(ws[k].position - 1)
    return before is None or not before.capitalised or before.surface in _VENDORS


def _parts(ws: list[_Word], extra: list[tuple[int, tuple[str, float, str]]]) -> list[list[tuple[str, float, str]]]:
    """The request's (term, weight, word) by part: each word's own term and the concepts it
    stands for, and the concepts of its URLs and #tags."""
    segments: dict[int, list[_Word]] = {}
    for w in ws:
        segments.setdefault(w.segment, []).append(w)
    terms: dict[int, list[tuple[str, float, str]]] = {}
    for segment, run in segments.items():
        found = terms.setdefault(segment, [(w.stem, w.weight, w.surface) for w in run])
        found += [(term, run[k].weight, run[k].surface) for k, term in concept_terms([w.stem for w in run])]
    for segment, term in extra:
        terms.setdefault(segment, []).append(term)
    return _merge_thin(terms)


def _bounded(share: float) -> float:
    """A part's score in [0, 1): in proportion up to a clear match on all its terms (2/3), then
    growing slowly, so one part matched very well cannot outweigh another not matched at all."""
    return (share if share <= 1 else 1.5 - 0.5 / share) / 1.5


def _merge_thin(segments: dict[int, list[tuple[str, float, str]]]) -> list[list[tuple[str, float, str]]]:
    """The request's parts, where a part with nothing but generic verbs ("read and write rows")
    joins the next one."""
    merged: list[list[tuple[str, float, str]]] = []
    carry: list[tuple[str, float, str]] = []
    for key in sorted(segments):
        terms = carry + segments[key]
        if any(surface not in WEAK_WORDS for _, _, surface in terms):
            merged.append(terms)
            carry = []
        else:
            carry = terms
    if carry:
        if merged:
            merged[-1].extend(carry)
        else:
            merged.append(carry)
    return merged
