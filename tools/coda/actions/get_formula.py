from ..app import api, app, seg


def _formula(formula):
    return {"id": formula.get("id"), "name": formula.get("name"), "value": formula.get("value"),
            "page": (formula.get("parent") or {}).get("name")}


@app.action(
    "get-formula",
    title="Get Formula Value",
    description=(
        "Read the current value of a named formula in a Coda doc (a formula placed on a page and given a name, e.g. a "
        "total or a status). For values in tables use coda-list-rows."
    ),
    props={"docId": app.definition("docId"), "formula": app.definition("formula")},
    read_only=True,
    trim=_formula,
)
async def get_formula(ctx):
    formula = await api(ctx, "GET", f"/docs/{seg(ctx.props.docId)}/formulas/{seg(ctx.props.formula)}")
    ctx.summary = f"{formula.get('name')} = {formula.get('value')!r}"
    return formula
