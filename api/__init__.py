"""The HTTP API (`/v1`) and the reviewers' web queue (`/review`)."""
