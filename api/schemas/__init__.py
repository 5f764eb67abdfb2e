"""What the API takes and sends, as pydantic models: request bodies, the JSON of each resource and
the error every failure sends. `/openapi.json` is built from them."""
