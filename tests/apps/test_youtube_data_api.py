import json

import httpx

from mcp_gateway.runtime.engine import fetch_options, run_action

API = "https://www.googleapis.com/youtube/v3"
AUTH = {"oauth_access_token": "ya29.youtube-token"}
CHANNEL = "UC_x5XG1OV2P6uZZ5FSM9Ttw"
UPLOADS = "UU_x5XG1OV2P6uZZ5FSM9Ttw"
VIDEO = "Ks-_Mh1QhMc"
PLAYLIST = "PLOU2XLYxmsIJGErt5rrCqaSGTMyyqNt2H"
THUMBS = {"default": {"url": f"https://i.ytimg.com/vi/{VIDEO}/default.jpg", "width": 120, "height": 90},
          "high": {"url": f"https://i.ytimg.com/vi/{VIDEO}/hqdefault.jpg", "width": 480, "height": 360}}


def _channel():
    return {"kind": "youtube#channel", "etag": "e1", "id": CHANNEL,
            "snippet": {"title": "Google for Developers", "description": "Subscribe to join a community", "customUrl": "@googledevelopers",
                        "publishedAt": "2007-08-23T00:34:43Z", "thumbnails": THUMBS},
            "contentDetails": {"relatedPlaylists": {"likes": "", "uploads": UPLOADS}},
            "statistics": {"viewCount": "242000000", "subscriberCount": "2400000", "hiddenSubscriberCount": False, "videoCount": "6500"}}


def _video():
    return {"kind": "youtube#video", "etag": "e2", "id": VIDEO,
            "snippet": {"publishedAt": "2026-05-14T17:00:00Z", "channelId": CHANNEL, "title": "What's new in Android",
                        "description": "Catch up on the latest", "thumbnails": THUMBS, "channelTitle": "Google for Developers",
                        "tags": ["Android", "I/O"], "categoryId": "28", "liveBroadcastContent": "none"},
            "contentDetails": {"duration": "PT41M12S", "dimension": "2d", "definition": "hd", "caption": "true", "licensedContent": False},
            "status": {"uploadStatus": "processed", "privacyStatus": "public", "embeddable": True},
            "statistics": {"viewCount": "182345", "likeCount": "5120", "favoriteCount": "0", "commentCount": "312"}}


def _search_result(video=VIDEO):
    return {"kind": "youtube#searchResult", "etag": "e3", "id": {"kind": "youtube#video", "videoId": video},
            "snippet": {"publishedAt": "2026-05-14T17:00:00Z", "channelId": CHANNEL, "title": "What's new in Android",
                        "description": "Catch up on the latest", "thumbnails": THUMBS, "channelTitle": "Google for Developers",
                        "liveBroadcastContent": "none"}}


def _playlist(playlist=PLAYLIST, title="Android talks", privacy="private"):
    return {"kind": "youtube#playlist", "etag": "e4", "id": playlist,
            "snippet": {"publishedAt": "2026-06-01T08:00:00Z", "channelId": CHANNEL, "title": title, "description": "",
                        "thumbnails": THUMBS, "channelTitle": "Google for Developers"},
            "status": {"privacyStatus": privacy}, "contentDetails": {"itemCount": 4}}


def _item(video=VIDEO, position=0):
    return {"kind": "youtube#playlistItem", "etag": "e5", "id": f"UExP{video}",
            "snippet": {"publishedAt": "2026-05-14T17:05:00Z", "channelId": CHANNEL, "title": "What's new in Android",
                        "description": "Catch up on the latest", "thumbnails": THUMBS, "channelTitle": "Google for Developers",
                        "playlistId": UPLOADS, "position": position, "resourceId": {"kind": "youtube#video", "videoId": video}},
            "contentDetails": {"videoId": video, "videoPublishedAt": "2026-05-14T17:00:00Z"}}


def assert_request(request, method, path, *, params=None, body=None):
    assert request.method == method
    assert str(request.url.copy_with(query=None)) == f"{API}{path}"
    assert dict(request.url.params) == (params or {})
    assert request.headers["authorization"] == "Bearer ya29.youtube-token"
    if body is None:
        assert request.content == b""
    else:
        assert json.loads(request.content) == body


async def test_search_videos_in_a_channel_by_handle(catalog, respx_mock):
    channels = respx_mock.get(f"{API}/channels").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#channelListResponse", "items": [{"kind": "youtube#channel", "etag": "e", "id": CHANNEL}]}))
    search = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#searchListResponse", "etag": "e", "nextPageToken": "CAUQAA", "regionCode": "PT",
        "pageInfo": {"totalResults": 1000000, "resultsPerPage": 5}, "items": [_search_result()]}))
    result = await run_action(catalog.action("youtube_data_api-search-videos"), {
        "q": "android", "channel": "https://www.youtube.com/@googledevelopers", "order": "date",
        "publishedAfter": "2026-01-01T00:00:00Z", "limit": 5}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(channels.calls.last.request, "GET", "/channels", params={"part": "id", "forHandle": "@googledevelopers"})
    assert_request(search.calls.last.request, "GET", "/search", params={
        "part": "snippet", "type": "video", "order": "date", "q": "android", "publishedAfter": "2026-01-01T00:00:00Z",
        "channelId": CHANNEL, "maxResults": "5"})
    assert result.ret == {"videos": [{
        "video_id": VIDEO, "title": "What's new in Android", "description": "Catch up on the latest", "channel_id": CHANNEL,
        "channel_title": "Google for Developers", "published_at": "2026-05-14T17:00:00Z",
        "url": f"https://www.youtube.com/watch?v={VIDEO}", "thumbnail": f"https://i.ytimg.com/vi/{VIDEO}/hqdefault.jpg"}],
        "next_cursor": "CAUQAA"}
    assert result.summary == "Found 1 video for 'android'"


async def test_search_videos_from_a_cursor(catalog, respx_mock):
    search = respx_mock.get(f"{API}/search").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#searchListResponse", "items": []}))
    result = await run_action(catalog.action("youtube_data_api-search-videos"), {"q": "android", "cursor": "CAUQAA"}, auth=AUTH)
    assert dict(search.calls.last.request.url.params) == {
        "part": "snippet", "type": "video", "order": "relevance", "q": "android", "maxResults": "25", "pageToken": "CAUQAA"}
    assert result.ret == {"videos": [], "next_cursor": None}


async def test_get_video_details_takes_links_and_reports_the_missing(catalog, respx_mock):
    route = respx_mock.get(f"{API}/videos").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#videoListResponse", "items": [_video()], "pageInfo": {"totalResults": 1, "resultsPerPage": 1}}))
    action = catalog.action("youtube_data_api-get-video-details")
    result = await run_action(action, {"videoIds": [f"https://youtu.be/{VIDEO}?t=30", "https://www.youtube.com/watch?v=aaaaaaaaaaa"]}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "GET", "/videos",
                   params={"part": "snippet,contentDetails,statistics,status", "id": f"{VIDEO},aaaaaaaaaaa"})
    assert result.ret == [{
        "video_id": VIDEO, "title": "What's new in Android", "description": "Catch up on the latest", "channel_id": CHANNEL,
        "channel_title": "Google for Developers", "published_at": "2026-05-14T17:00:00Z", "tags": ["Android", "I/O"],
        "duration": "PT41M12S", "privacy": "public", "view_count": 182345, "like_count": 5120, "comment_count": 312,
        "url": f"https://www.youtube.com/watch?v={VIDEO}", "thumbnail": f"https://i.ytimg.com/vi/{VIDEO}/hqdefault.jpg"}]
    assert result.summary == "Read 1 video; not found: aaaaaaaaaaa"
    whole = await run_action(action, {"videoIds": [VIDEO], "fullResponse": True}, auth=AUTH)
    assert whole.ret == [_video()]


async def test_get_video_details_refuses_what_is_not_a_video(catalog, respx_mock):
    result = await run_action(catalog.action("youtube_data_api-get-video-details"), {"videoIds": ["android talk"]}, auth=AUTH)
    assert "neither an 11-character video ID nor a YouTube video link" in result.error
    assert not respx_mock.calls


async def test_list_my_channel(catalog, respx_mock):
    route = respx_mock.get(f"{API}/channels").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#channelListResponse", "items": [_channel()]}))
    result = await run_action(catalog.action("youtube_data_api-list-my-channel"), {}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/channels", params={"part": "snippet,contentDetails,statistics", "mine": "true"})
    assert result.ret == {
        "channel_id": CHANNEL, "title": "Google for Developers", "description": "Subscribe to join a community",
        "handle": "@googledevelopers", "published_at": "2007-08-23T00:34:43Z", "subscriber_count": 2400000,
        "video_count": 6500, "view_count": 242000000, "uploads_playlist_id": UPLOADS,
        "url": f"https://www.youtube.com/channel/{CHANNEL}"}
    assert result.summary == "Read the channel 'Google for Developers'"


async def test_list_my_channel_without_a_channel_says_so(catalog, respx_mock):
    respx_mock.get(f"{API}/channels").mock(return_value=httpx.Response(200, json={"kind": "youtube#channelListResponse"}))
    result = await run_action(catalog.action("youtube_data_api-list-my-channel"), {}, auth=AUTH)
    assert result.error.startswith("the Google account has no YouTube channel")


async def test_list_channel_videos_reads_the_uploads_playlist_page_by_page(catalog, respx_mock):
    channels = respx_mock.get(f"{API}/channels").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#channelListResponse", "items": [{"kind": "youtube#channel", "id": CHANNEL,
                                                          "contentDetails": {"relatedPlaylists": {"uploads": UPLOADS}}}]}))
    items = respx_mock.get(f"{API}/playlistItems").mock(side_effect=[
        httpx.Response(200, json={"kind": "youtube#playlistItemListResponse", "nextPageToken": "EAAaBlBUOkNESQ",
                                  "items": [_item(), _item("bbbbbbbbbbb", 1)]}),
        httpx.Response(200, json={"kind": "youtube#playlistItemListResponse", "nextPageToken": "EAAaBlBUOkNEVQ",
                                  "items": [_item("ccccccccccc", 2)]}),
    ])
    result = await run_action(catalog.action("youtube_data_api-list-channel-videos"), {"channel": CHANNEL, "limit": 3}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(channels.calls.last.request, "GET", "/channels", params={"part": "contentDetails", "id": CHANNEL})
    assert_request(items.calls[0].request, "GET", "/playlistItems",
                   params={"part": "snippet,contentDetails", "playlistId": UPLOADS, "maxResults": "3"})
    assert_request(items.calls[1].request, "GET", "/playlistItems", params={
        "part": "snippet,contentDetails", "playlistId": UPLOADS, "maxResults": "1", "pageToken": "EAAaBlBUOkNESQ"})
    assert [v["video_id"] for v in result.ret["videos"]] == [VIDEO, "bbbbbbbbbbb", "ccccccccccc"]
    assert result.ret["videos"][0] == {
        "playlist_item_id": f"UExP{VIDEO}", "video_id": VIDEO, "title": "What's new in Android",
        "description": "Catch up on the latest", "position": 0, "published_at": "2026-05-14T17:00:00Z",
        "url": f"https://www.youtube.com/watch?v={VIDEO}"}
    assert result.ret["next_cursor"] == "EAAaBlBUOkNEVQ" and result.ret["channel_id"] == CHANNEL


async def test_list_playlists_of_the_user(catalog, respx_mock):
    route = respx_mock.get(f"{API}/playlists").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#playlistListResponse", "items": [_playlist()]}))
    result = await run_action(catalog.action("youtube_data_api-list-playlists"), {"limit": 10}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/playlists",
                   params={"part": "snippet,contentDetails,status", "mine": "true", "maxResults": "10"})
    assert result.ret == {"playlists": [{
        "playlist_id": PLAYLIST, "title": "Android talks", "description": "", "privacy": "private", "item_count": 4,
        "published_at": "2026-06-01T08:00:00Z", "url": f"https://www.youtube.com/playlist?list={PLAYLIST}"}], "next_cursor": None}


async def test_create_playlist_is_private_by_default(catalog, respx_mock):
    route = respx_mock.post(f"{API}/playlists").mock(return_value=httpx.Response(200, json=_playlist()))
    result = await run_action(catalog.action("youtube_data_api-create-playlist"),
                              {"title": "Android talks", "description": "From I/O"}, auth=AUTH)
    assert_request(route.calls.last.request, "POST", "/playlists", params={"part": "snippet,status"}, body={
        "snippet": {"title": "Android talks", "description": "From I/O"}, "status": {"privacyStatus": "private"}})
    assert result.ret["playlist_id"] == PLAYLIST and result.summary == "Created the private playlist 'Android talks'"


async def test_add_video_to_playlist_at_a_position(catalog, respx_mock):
    route = respx_mock.post(f"{API}/playlistItems").mock(return_value=httpx.Response(200, json=_item(position=2)))
    result = await run_action(catalog.action("youtube_data_api-add-video-to-playlist"), {
        "playlistId": PLAYLIST, "videoId": f"https://www.youtube.com/shorts/{VIDEO}", "position": 2}, auth=AUTH)
    assert result.error is None, result.error
    assert_request(route.calls.last.request, "POST", "/playlistItems", params={"part": "snippet"}, body={"snippet": {
        "playlistId": PLAYLIST, "resourceId": {"kind": "youtube#video", "videoId": VIDEO}, "position": 2}})
    assert result.ret["position"] == 2 and result.summary == "Added \"What's new in Android\" to the playlist"


async def test_list_comment_threads_of_a_video(catalog, respx_mock):
    thread = {"kind": "youtube#commentThread", "etag": "e6", "id": "UgzDE2tasfmrYLyNkGt4AaABAg",
              "snippet": {"channelId": CHANNEL, "videoId": VIDEO, "canReply": True, "totalReplyCount": 2, "isPublic": True,
                          "topLevelComment": {"kind": "youtube#comment", "etag": "e7", "id": "UgzDE2tasfmrYLyNkGt4AaABAg",
                                              "snippet": {"channelId": CHANNEL, "videoId": VIDEO, "textDisplay": "Great talk!",
                                                          "textOriginal": "Great talk!", "authorDisplayName": "@ana",
                                                          "canRate": True, "viewerRating": "none", "likeCount": 14,
                                                          "publishedAt": "2026-05-15T09:00:00Z", "updatedAt": "2026-05-15T09:00:00Z"}}}}
    route = respx_mock.get(f"{API}/commentThreads").mock(return_value=httpx.Response(200, json={
        "kind": "youtube#commentThreadListResponse", "nextPageToken": "QURTSl9p", "items": [thread]}))
    result = await run_action(catalog.action("youtube_data_api-list-comment-threads"),
                              {"videoId": VIDEO, "order": "relevance", "limit": 1}, auth=AUTH)
    assert_request(route.calls.last.request, "GET", "/commentThreads", params={
        "part": "snippet", "videoId": VIDEO, "order": "relevance", "textFormat": "plainText", "maxResults": "1"})
    assert result.ret == {"comments": [{
        "thread_id": "UgzDE2tasfmrYLyNkGt4AaABAg", "author": "@ana", "text": "Great talk!", "like_count": 14,
        "reply_count": 2, "published_at": "2026-05-15T09:00:00Z", "updated_at": "2026-05-15T09:00:00Z"}], "next_cursor": "QURTSl9p"}
    assert result.summary == "Listed 1 comment"


async def test_playlist_options_page_through_the_users_playlists(catalog, respx_mock):
    route = respx_mock.get(f"{API}/playlists").mock(side_effect=[
        httpx.Response(200, json={"kind": "youtube#playlistListResponse", "nextPageToken": "CDIQAA", "items": [_playlist()]}),
        httpx.Response(200, json={"kind": "youtube#playlistListResponse", "items": [_playlist("PL2", "Watch later-ish")]}),
    ])
    action = catalog.action("youtube_data_api-add-video-to-playlist")
    first = await fetch_options(action, "playlistId", {}, auth=AUTH)
    assert first["options"] == [{"label": "Android talks", "value": PLAYLIST}] and first["context"] == {"pageToken": "CDIQAA"}
    second = await fetch_options(action, "playlistId", {}, auth=AUTH, page=1, prev_context=first["context"])
    assert second["options"] == [{"label": "Watch later-ish", "value": "PL2"}] and second["context"] is None
    assert dict(route.calls[1].request.url.params) == {"part": "snippet", "mine": "true", "maxResults": "50", "pageToken": "CDIQAA"}


async def test_quota_and_disabled_comments_say_what_to_do(catalog, respx_mock):
    respx_mock.get(f"{API}/commentThreads").mock(side_effect=[
        httpx.Response(403, json={"error": {"code": 403, "message": "The video identified by the videoId parameter has disabled comments.",
                                             "errors": [{"message": "The video identified by the videoId parameter has disabled comments.",
                                                         "domain": "youtube.commentThread", "reason": "commentsDisabled"}]}}),
        httpx.Response(403, headers={"Retry-After": "120"}, json={"error": {
            "code": 403, "message": "The request cannot be completed because you have exceeded your quota.",
            "errors": [{"message": "The request cannot be completed because you have exceeded your quota.",
                        "domain": "youtube.quota", "reason": "quotaExceeded"}]}}),
    ])
    action = catalog.action("youtube_data_api-list-comment-threads")
    disabled = await run_action(action, {"videoId": VIDEO}, auth=AUTH)
    assert "the video's owner turned comments off" in disabled.error
    quota = await run_action(action, {"videoId": VIDEO}, auth=AUTH)
    assert "rate limited by YouTube; retry after 120 s" in quota.error
