from ..app import api, app


def _usage(sub):
    used, limit = sub.get("character_count"), sub.get("character_limit")
    return {
        "tier": sub.get("tier"),
        "status": sub.get("status"),
        "credits_used": used,
        "credit_limit": limit,
        "credits_left": limit - used if isinstance(used, int) and isinstance(limit, int) else None,
        "next_reset_unix": sub.get("next_character_count_reset_unix"),
        "voice_slots_used": sub.get("voice_slots_used"),
        "voice_limit": sub.get("voice_limit"),
        "can_use_instant_voice_cloning": sub.get("can_use_instant_voice_cloning"),
        "can_use_professional_voice_cloning": sub.get("can_use_professional_voice_cloning"),
    }


@app.action(
    "get-subscription",
    title="Get Subscription and Credits",
    description=(
        "Read the ElevenLabs plan and its credits: used, the limit and what is left this period, when they reset, and "
        "the voice slots in use. Check it before long text to speech jobs."
    ),
    props={},
    read_only=True,
    trim=_usage,
)
async def get_subscription(ctx):
    sub = await api(ctx, "GET", "/v1/user/subscription")
    usage = _usage(sub)
    ctx.summary = f"{usage['tier']} plan: {usage['credits_left']} of {usage['credit_limit']} credits left"
    return sub
