from mcp_gateway.catalog import props

from ..app import app, call, model_prop


def _vectors(data):
    vectors = sorted(data.get("data") or [], key=lambda d: d.get("index", 0))
    return {
        "model": data.get("model"),
        "embeddings": [{"index": v.get("index"), "embedding": v.get("embedding")} for v in vectors],
        "usage": data.get("usage"),
    }


@app.action(
    "create-embeddings",
    title="Create Embeddings",
    description=(
        "Turn one or more texts into embedding vectors (lists of numbers that capture meaning) for semantic search, "
        "clustering or similarity. Returns one vector per text, in the order given, and token usage. To label a "
        "text with categories directly, use openai-classify-text."
    ),
    props={
        "model": model_prop(
            "embedding",
            "The embedding model, e.g. `text-embedding-3-small` (1536 dimensions) or `text-embedding-3-large` (3072).",
            default="text-embedding-3-small",
        ),
        "input": props.string_list(
            "Texts",
            "The texts to embed, e.g. `[\"red running shoes\", \"blue rain jacket\"]`; up to 2048 texts, each at most "
            "8192 tokens.",
        ),
        "dimensions": props.integer(
            "Dimensions",
            "Shorten each vector to this many numbers, e.g. `256` (text-embedding-3 models only).",
            optional=True,
            min=1,
        ),
    },
    read_only=True,
    trim=_vectors,
)
async def create_embeddings(ctx):
    body = {"model": ctx.props.model, "input": ctx.props.input, "encoding_format": "float"}
    if ctx.props.get("dimensions"):
        body["dimensions"] = ctx.props.dimensions
    data = await call(ctx, "POST", "/embeddings", json=body)
    vectors = sorted(data.get("data") or [], key=lambda d: d.get("index", 0))
    size = len(vectors[0].get("embedding") or []) if vectors else 0
    ctx.summary = f"Created {len(vectors)} embedding{'s' if len(vectors) != 1 else ''} of {size} dimensions with {data.get('model')}"
    return data
