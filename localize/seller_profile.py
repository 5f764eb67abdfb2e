"""A seller's profile: facts the market rules ask for that a marketplace shows outside the listing
text (the EU responsible person under the GPSR, WEEE and packaging registration numbers, the
conformity declarations a category carries), and the words a compact title may drop first.

A `required` rule names the facts that satisfy it (`satisfied_by`); a listing whose seller's profile
states one of them does not get the flag. Facts are registered by id here, each one a small
predicate over the profile, the market's country and the listing's category.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from localize.datafile import load_data_file

MAX_FACT = 500  # a name with its postal and electronic address fits easily
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_FACT)]
Country = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^([A-Za-z]{2}|\*)$")]
Mark = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z][A-Za-z0-9 -]{0,19}$")]
EU_COUNTRIES = frozenset("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split())
DECLARATION = "declaration:"  # `declaration:CE`, `declaration:UKCA`: a fact per conformity mark


class ProfileError(ValueError):
    """A profile file or body that cannot be used; the message names the file and the path in it."""


class Declaration(BaseModel):
    """A conformity mark (CE, UKCA, FCC, PSE, ...) the seller declares for categories of products."""

    model_config = ConfigDict(extra="forbid")

    mark: Mark
    categories: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]] = Field(
        min_length=1, max_length=50, description="category prefixes (`electronics`, `home/lighting`); `*` for all")
    reference: Text | None = Field(default=None, description="the declaration of conformity's number or link")

    def covers(self, category: str | None) -> bool:
        return any(prefix == "*" or (category or "") == prefix or (category or "").startswith(prefix + "/")
                   for prefix in self.categories)


class SellerProfile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    manufacturer: Text | None = Field(default=None, description="name, postal and electronic address")
    eu_responsible_person: Text | None = Field(
        default=None, description="the economic operator in the EU (GPSR Art. 16, Regulation (EU) 2019/1020 Art. 4): "
                                  "name, postal and electronic address")
    uk_responsible_person: Text | None = Field(default=None, description="the UK responsible person, the same way")
    weee_registration: dict[Country, Text] = Field(
        default={}, max_length=40, description="WEEE registration number by country (`DE: DE 12345678`)")
    packaging_registration: dict[Country, Text] = Field(
        default={}, max_length=40, description="packaging register number by country (LUCID in DE, BDO in PL, ...)")
    battery_registration: dict[Country, Text] = Field(
        default={}, max_length=40, description="battery register number by country")
    declarations: list[Declaration] = Field(default=[], max_length=50)
    low_value_tokens: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]] = (
        Field(default=[], max_length=200, description="words a compact title may drop first (`2024`, `hot`)"))

    def facts(self, market: str, category: str | None) -> frozenset[str]:
        """The facts this profile states for a listing of `category` sold in `market` (`de-DE`)."""
        country = market.rsplit("-", 1)[-1].upper()
        stated = {fact_id for fact_id, fact in FACTS.items() if fact.holds(self, country, category)}
        stated |= {DECLARATION + declaration.mark for declaration in self.declarations if declaration.covers(category)}
        return frozenset(stated)


def _registered(numbers: dict[str, str], country: str) -> bool:
    return country in numbers or "*" in numbers


@dataclass(frozen=True)
class Fact:
    description: str
    holds: Callable[[SellerProfile, str, str | None], bool]  # (profile, country, category)


FACTS: dict[str, Fact] = {
    "manufacturer": Fact("the manufacturer's name and address",
                         lambda profile, country, category: profile.manufacturer is not None),
    "eu-responsible-person": Fact(
        "an EU responsible person, for a market in the EU",
        lambda profile, country, category: profile.eu_responsible_person is not None and country in EU_COUNTRIES),
    "uk-responsible-person": Fact(
        "a UK responsible person, for the UK market",
        lambda profile, country, category: profile.uk_responsible_person is not None and country == "GB"),
    "weee-registration": Fact("a WEEE registration number in the market's country",
                              lambda profile, country, category: _registered(profile.weee_registration, country)),
    "packaging-registration": Fact(
        "a packaging register number in the market's country",
        lambda profile, country, category: _registered(profile.packaging_registration, country)),
    "battery-registration": Fact("a battery register number in the market's country",
                                 lambda profile, country, category: _registered(profile.battery_registration, country)),
}


def known_fact(fact_id: str) -> str:
    """`fact_id` if a profile can state it (for rules' `satisfied_by`), else a ValueError naming them."""
    if fact_id in FACTS or (fact_id.startswith(DECLARATION) and len(fact_id) > len(DECLARATION)):
        return fact_id
    raise ValueError(f"unknown seller fact {fact_id!r}; known: {', '.join(FACTS)}, {DECLARATION}<MARK>")


class _ProfileFile(SellerProfile):
    # YAML reads `low_value_tokens: [2026]` or a bare registration number as a number: a string is
    # meant. (The API's JSON says what it means, so only a file is read this way.)
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


def load_profile_file(path: Path) -> SellerProfile:
    """A profile from YAML (or JSON); errors name the file and the key."""
    return SellerProfile.model_validate(load_data_file(_ProfileFile, path, path.name, ProfileError).model_dump())
