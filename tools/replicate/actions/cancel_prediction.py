from urllib.parse import quote

from ..app import api, app, prediction_summary


@app.action(
    "cancel-prediction",
    title="Cancel Prediction",
    description=(
        "Stop a prediction that is still starting or running, so it is no longer billed. Predictions that have "
        "finished are left as they are. Returns the prediction with its new status."
    ),
    props={"predictionId": app.definition("predictionId")},
    idempotent=True,
    trim=prediction_summary,
)
async def cancel_prediction(ctx):
    prediction = await api(ctx, "POST", f"/predictions/{quote(str(ctx.props.predictionId).strip(), safe='')}/cancel")
    ctx.summary = f"Prediction {prediction.get('id')} is {prediction.get('status')}"
    return prediction
