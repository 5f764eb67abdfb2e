"""The reviewers' web queue at /review."""

from fastapi import APIRouter

router = APIRouter(prefix="/review", include_in_schema=False)
