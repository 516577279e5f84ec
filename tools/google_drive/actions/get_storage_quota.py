from ..app import api, app


def _int(value):
    return int(value) if str(value or "").isdigit() else None


def _quota(about):
    quota = about.get("storageQuota") or {}
    user = about.get("user") or {}
    limit, usage = _int(quota.get("limit")), _int(quota.get("usage"))
    out = {
        "user": user.get("emailAddress") or user.get("displayName"),
        "limit": limit,
        "usage": usage,
        "usageInDrive": _int(quota.get("usageInDrive")),
        "usageInDriveTrash": _int(quota.get("usageInDriveTrash")),
        "free": limit - usage if limit is not None and usage is not None else None,
        "unlimited": limit is None,
        "maxUploadSize": _int(about.get("maxUploadSize")),
    }
    return {k: v for k, v in out.items() if v is not None}


@app.action(
    "get-storage-quota",
    title="Get Storage Quota",
    description=(
        "Get how much Google storage the connected user has and uses, in bytes: the limit (absent when unlimited), "
        "total usage across Google services, usage by Drive files and by Drive's trash, what is free, and the largest "
        "upload allowed. Use it before a large google_drive-upload-file; emptying the trash frees trashed usage."
    ),
    props={},
    read_only=True,
    trim=_quota,
)
async def get_storage_quota(ctx):
    about = await api(
        ctx, "GET", "/about", params={"fields": "user(displayName,emailAddress),storageQuota,maxUploadSize"}
    )
    quota = _quota(about)
    used = f"{quota.get('usage', 0) / 1e9:.2f} GB used"
    ctx.summary = f"{used} of {quota['limit'] / 1e9:.2f} GB" if "limit" in quota else f"{used} (no limit)"
    return about
