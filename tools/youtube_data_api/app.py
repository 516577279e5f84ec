import re
from urllib.parse import parse_qs, urlsplit

from mcp_gateway.catalog import ActionError, App, Identity, Option, OptionsPage, props

from .. import _google

SERVICE = "YouTube"
API = "https://www.googleapis.com/youtube/v3"

# Reading, managing playlists and comments alike; the narrower scopes leave out comments.
SCOPES = ["https://www.googleapis.com/auth/youtube.force-ssl"]

# Most YouTube lists give 50 a page; comment threads give 100.
MAX_PAGE = 50


async def _account_test(ctx):
    """The user's own channel names the account."""
    answer = await api(ctx, "GET", "/channels", params={"part": "snippet", "mine": "true"})
    channel = next(iter(answer.get("items") or []), None)
    if channel is None:
        raise ActionError("the Google account has no YouTube channel; the user should create one on youtube.com first")
    return Identity(name=(channel.get("snippet") or {}).get("title"), external_id=channel.get("id"))


app = App(
    "youtube_data_api",
    "YouTube Data API",
    "Work with YouTube as the connected user: search videos, read a video's details and statistics, read their channel "
    "and any channel's uploads, manage their playlists, and read the comments on a video.",
    auth=_google.google_oauth(SCOPES),
    categories=["Social Media"],
    featured_weight=60,
    base_url=API,
    allowed_domains=["www.googleapis.com"],
    test=_account_test,
)


_NOT_FOUND = "no video, channel or playlist has that ID, or it is private; find IDs with youtube_data_api-search-videos"
_HINTS = {
    "videoNotFound": "no video has that ID, or it is private; check the ID (the `v=` part of a watch URL)",
    "playlistNotFound": "no playlist has that ID, or the user cannot see it; find the user's with youtube_data_api-list-playlists",
    "channelNotFound": "no channel has that ID or handle; a channel ID starts with `UC`, a handle with `@`",
    "commentsDisabled": "the video's owner turned comments off; there are none to read",
    "playlistContainsMaximumNumberOfVideos": "the playlist holds as many videos as YouTube allows; use another playlist",
    "manualSortRequired": "the playlist is sorted automatically, so a position cannot be set; leave the position empty",
    "playlistForbidden": "the user does not own this playlist; only their own playlists can be changed",
    "youtubeSignupRequired": "the Google account has no YouTube channel; the user should create one on youtube.com first",
    "invalidSearchFilter": "those search filters do not go together; see the message",
}


async def api(ctx, method, path, **kw):
    """A YouTube Data API call's JSON answer; errors say what to fix."""
    response = await ctx.http.request(method, path, raise_for_status=False, **kw)
    if response.status_code >= 400:
        raise _google.google_error(
            method, response, service=SERVICE, not_found=_NOT_FOUND, hints=_HINTS,
            forbidden="the user may not do this with that video, playlist or channel",
            scope="the connection was not granted YouTube access; reconnect YouTube and approve it",
        )
    return response.json() if response.content else {}


_ID = re.compile(r"[A-Za-z0-9_-]{11}")


def video_id(value):
    """A video ID, also taken from a watch, share (youtu.be) or Shorts link."""
    text = str(value or "").strip()
    if _ID.fullmatch(text):
        return text
    parts = urlsplit(text if "//" in text else f"https://{text}")
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    candidate = None
    if host == "youtu.be":
        candidate = parts.path.strip("/").split("/")[0]
    elif host.endswith("youtube.com"):
        candidate = (parse_qs(parts.query).get("v") or [None])[0]
        if not candidate and parts.path.startswith(("/shorts/", "/embed/", "/live/")):
            candidate = parts.path.split("/")[2]
    if candidate and _ID.fullmatch(candidate):
        return candidate
    raise ActionError(f"video {value!r} is neither an 11-character video ID nor a YouTube video link")


def channel_query(value):
    """Which channel `channels.list` should read: the user's own, an ID, or a handle."""
    text = str(value or "").strip()
    if not text:
        return {"mine": "true"}
    found = re.search(r"/channel/(UC[A-Za-z0-9_-]{22})", text)
    if found:
        return {"id": found.group(1)}
    handle = re.search(r"(?:^|youtube\.com/)(@[\w.-]+)", text)
    if handle:
        return {"forHandle": handle.group(1)}
    if re.fullmatch(r"UC[A-Za-z0-9_-]{22}", text):
        return {"id": text}
    raise ActionError(f"channel {value!r} is neither a channel ID (`UC…`), a handle (`@name`) nor a channel link")


async def find_channel(ctx, value, part):
    """The channel `value` names (the user's own when empty), with the parts asked for."""
    query = channel_query(value)
    answer = await api(ctx, "GET", "/channels", params={"part": part, **query})
    found = next(iter(answer.get("items") or []), None)
    if found is None:
        if "mine" in query:
            raise ActionError("the Google account has no YouTube channel; the user should create one on youtube.com first")
        raise ActionError(f"no YouTube channel is {value!r}; give its ID (`UC…`), handle (`@name`) or link")
    return found


def thumbnail(snippet):
    thumbnails = (snippet or {}).get("thumbnails") or {}
    return next((thumbnails[size]["url"] for size in ("high", "medium", "default") if size in thumbnails), None)


def _count(statistics, key):
    value = (statistics or {}).get(key)
    return int(value) if value is not None else None


def search_summary(result):
    snippet = result.get("snippet") or {}
    video = (result.get("id") or {}).get("videoId")
    return {
        "video_id": video,
        "title": snippet.get("title"),
        "description": snippet.get("description"),
        "channel_id": snippet.get("channelId"),
        "channel_title": snippet.get("channelTitle"),
        "published_at": snippet.get("publishedAt"),
        "url": f"https://www.youtube.com/watch?v={video}" if video else None,
        "thumbnail": thumbnail(snippet),
    }


def video_summary(video):
    snippet, statistics = video.get("snippet") or {}, video.get("statistics") or {}
    return {
        "video_id": video.get("id"),
        "title": snippet.get("title"),
        "description": snippet.get("description"),
        "channel_id": snippet.get("channelId"),
        "channel_title": snippet.get("channelTitle"),
        "published_at": snippet.get("publishedAt"),
        "tags": snippet.get("tags") or [],
        "duration": (video.get("contentDetails") or {}).get("duration"),
        "privacy": (video.get("status") or {}).get("privacyStatus"),
        "view_count": _count(statistics, "viewCount"),
        "like_count": _count(statistics, "likeCount"),
        "comment_count": _count(statistics, "commentCount"),
        "url": f"https://www.youtube.com/watch?v={video.get('id')}",
        "thumbnail": thumbnail(snippet),
    }


def channel_summary(channel):
    snippet, statistics = channel.get("snippet") or {}, channel.get("statistics") or {}
    return {
        "channel_id": channel.get("id"),
        "title": snippet.get("title"),
        "description": snippet.get("description"),
        "handle": snippet.get("customUrl"),
        "published_at": snippet.get("publishedAt"),
        "subscriber_count": None if statistics.get("hiddenSubscriberCount") else _count(statistics, "subscriberCount"),
        "video_count": _count(statistics, "videoCount"),
        "view_count": _count(statistics, "viewCount"),
        "uploads_playlist_id": ((channel.get("contentDetails") or {}).get("relatedPlaylists") or {}).get("uploads"),
        "url": f"https://www.youtube.com/channel/{channel.get('id')}",
    }


def playlist_summary(playlist):
    snippet = playlist.get("snippet") or {}
    return {
        "playlist_id": playlist.get("id"),
        "title": snippet.get("title"),
        "description": snippet.get("description"),
        "privacy": (playlist.get("status") or {}).get("privacyStatus"),
        "item_count": (playlist.get("contentDetails") or {}).get("itemCount"),
        "published_at": snippet.get("publishedAt"),
        "url": f"https://www.youtube.com/playlist?list={playlist.get('id')}",
    }


def playlist_item_summary(item):
    snippet = item.get("snippet") or {}
    video = (snippet.get("resourceId") or {}).get("videoId") or (item.get("contentDetails") or {}).get("videoId")
    return {
        "playlist_item_id": item.get("id"),
        "video_id": video,
        "title": snippet.get("title"),
        "description": snippet.get("description"),
        "position": snippet.get("position"),
        "published_at": (item.get("contentDetails") or {}).get("videoPublishedAt") or snippet.get("publishedAt"),
        "url": f"https://www.youtube.com/watch?v={video}" if video else None,
    }


def comment_thread_summary(thread):
    snippet = thread.get("snippet") or {}
    top = (snippet.get("topLevelComment") or {}).get("snippet") or {}
    return {
        "thread_id": thread.get("id"),
        "author": top.get("authorDisplayName"),
        "text": top.get("textDisplay"),
        "like_count": top.get("likeCount"),
        "reply_count": snippet.get("totalReplyCount"),
        "published_at": top.get("publishedAt"),
        "updated_at": top.get("updatedAt"),
    }


async def collect(ctx, path, *, limit, cursor, params, page_size=MAX_PAGE):
    """Up to `limit` items of a YouTube list, from `cursor` (a page token) on, and the token after them."""
    items, token = [], cursor or None
    while len(items) < limit:
        query = {**params, "maxResults": min(page_size, limit - len(items))}
        if token:
            query["pageToken"] = token
        page = await api(ctx, "GET", path, params=query)
        items.extend(page.get("items") or [])
        token = page.get("nextPageToken")
        if not token:
            break
    return items[:limit], token


async def _playlist_options(ctx):
    query = {"part": "snippet", "mine": "true", "maxResults": MAX_PAGE}
    if ctx.prev_context.get("pageToken"):
        query["pageToken"] = ctx.prev_context["pageToken"]
    page = await api(ctx, "GET", "/playlists", params=query)
    token = page.get("nextPageToken")
    return OptionsPage(options=[Option(label=(p.get("snippet") or {}).get("title") or p["id"], value=p["id"])
                                for p in page.get("items") or []],
                       context={"pageToken": token} if token else None)


app.define(
    "videoId",
    props.string(
        "Video",
        "The video's 11-character ID, e.g. `dQw4w9WgXcQ` (the `v=` part of a youtube.com/watch URL; the whole watch, "
        "youtu.be or Shorts link works too), or a `video_id` from youtube_data_api-search-videos.",
    ),
)

app.define(
    "playlistId",
    props.string(
        "Playlist",
        "The playlist's ID, e.g. `PLrAXtmErZgOeiKm4sgNOknGvNjby9efdf` (the `list=` part of its URL), from "
        "youtube_data_api-list-playlists or youtube_data_api-create-playlist.",
        options=_playlist_options,
    ),
)
