from mcp_gateway.catalog import props

from ..app import api, app, files, listed, repo_id


def _dataset(dataset):
    card = dataset.get("cardData") or {}
    return {
        **listed("dataset", dataset),
        "sha": dataset.get("sha"),
        "created_at": dataset.get("createdAt"),
        "tags": dataset.get("tags") or [],
        "license": card.get("license"),
        "task_categories": card.get("task_categories"),
        "languages": card.get("language"),
        "configs": [c.get("config_name") for c in card.get("configs") or [] if isinstance(c, dict)],
        "citation": dataset.get("citation"),
        "files": files(dataset),
    }


@app.action(
    "get-dataset",
    title="Get Dataset",
    description=(
        "Read a dataset on the Hugging Face Hub: its description, license, tasks, languages, configurations, "
        "downloads and likes, citation and files. Find datasets with huggingface-search-datasets."
    ),
    props={
        "datasetId": props.string(
            "Dataset ID", "The dataset's `owner/name`, as in its page's URL (huggingface.co/datasets/owner/name), e.g. "
            "`rajpurkar/squad`; from huggingface-search-datasets."),
    },
    read_only=True,
    trim=_dataset,
)
async def get_dataset(ctx):
    dataset = await api(ctx, "GET", f"/datasets/{repo_id(ctx.props.datasetId, 'dataset')}")
    ctx.summary = f"Read the dataset {dataset.get('id')} ({dataset.get('downloads')} downloads)"
    return dataset
