"""One module per resource of the `/v1` API, each with its `router`; `api.main` gathers them."""
