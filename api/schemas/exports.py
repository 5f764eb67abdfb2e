"""Export profiles as the API shows them: `/v1/export-profiles`."""

from pydantic import BaseModel, Field

from localize.catalog.profiles import Profile, RowsKind


class ExportProfilePublic(BaseModel):
    """A profile: what `profile=` names, and the columns its file has."""

    name: str = Field(examples=["amazon"])
    description: str
    rows: RowsKind = Field(
        description="`per-localization`: a row per localisation; `per-field`: a row per translated field of each")
    fields: list[str] = Field(description="the fields a per-field profile writes a row for (title, body_html)")
    columns: list[str] = Field(description="the file's header, in order; `plain` adds the seller's own columns last")
    file_name: str = Field(description="the download's name, {market} and {status} filled in",
                           examples=["amazon-{market}-{status}"])
    extension: str = Field(description="`txt` for tab-separated text (Amazon's upload)")

    @classmethod
    def of(cls, profile: Profile) -> "ExportProfilePublic":
        return cls(name=profile.name, description=profile.description, rows=profile.rows,
                   fields=[field.name for field in profile.fields], columns=list(profile.columns),
                   file_name=profile.file_name, extension=profile.extension)
