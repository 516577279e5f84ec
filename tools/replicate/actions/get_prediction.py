from urllib.parse import quote

from ..app import api, app, cut, prediction_summary


@app.action(
    "get-prediction",
    title="Get Prediction",
    description=(
        "Read a prediction: its status (starting, processing, succeeded, failed, canceled), its output once it has "
        "succeeded (file URLs or text), its error and the end of its logs. Poll it after replicate-create-prediction "
        "until the status is final."
    ),
    props={"predictionId": app.definition("predictionId")},
    read_only=True,
    trim=lambda p: {**prediction_summary(p), "input": p.get("input"), "logs": cut(p.get("logs"))},
)
async def get_prediction(ctx):
    prediction = await api(ctx, "GET", f"/predictions/{quote(str(ctx.props.predictionId).strip(), safe='')}")
    ctx.summary = f"Prediction {prediction.get('id')} of {prediction.get('model')} is {prediction.get('status')}"
    return prediction
