"""Options a customer picks for a product (a cake's size, its inscription) and what they add to the price.

A product declares its option groups; an order line names its choices. The price of a choice always comes
from the product here, never from the client.
"""

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StrictBool, StringConstraints, model_validator

from services.errors import Invalid
from services.models import Longest

OptionName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=Longest.OPTION_NAME)]
# A JSON number on the wire, as every price is.
Surcharge = Annotated[
    Decimal,
    Field(ge=0, le=10_000, max_digits=7, decimal_places=2),
    PlainSerializer(float, return_type=float, when_used="json"),
]


class OptionKind(StrEnum):
    CHOICE = "choice"  # one of a list, e.g. Size: 6 inch / 8 inch / 10 inch
    TEXT = "text"  # free text, e.g. an inscription


class OptionChoice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: OptionName
    price: Surcharge = Decimal("0.00")


class OptionGroup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: OptionName
    kind: OptionKind = OptionKind.CHOICE
    required: StrictBool = False
    choices: Annotated[list[OptionChoice], Field(max_length=20)] = []
    max_length: Annotated[int, Field(ge=1, le=Longest.OPTION_TEXT)] = 40

    @model_validator(mode="after")
    def _choices_fit_the_kind(self) -> Self:
        if self.kind == OptionKind.CHOICE and not self.choices:
            raise ValueError(f"Option {self.name!r} needs at least one choice")
        if self.kind == OptionKind.TEXT and self.choices:
            raise ValueError(f"Option {self.name!r} is free text; it takes no choices")
        names = [c.name.lower() for c in self.choices]
        if len(names) != len(set(names)):
            raise ValueError(f"Option {self.name!r} lists a choice twice")
        return self


def check_groups(groups: list[OptionGroup]) -> list[OptionGroup]:
    names = [g.name.lower() for g in groups]
    if len(names) != len(set(names)):
        raise ValueError("Two option groups have the same name")
    return groups


class ChosenOption(BaseModel):
    """One choice as the order line keeps it: what was chosen and what it added, at the time of ordering."""

    group: str
    value: str
    price: Decimal = Decimal("0.00")
    free_text: bool = False  # an inscription reads "Inscription: ...", a size just "8 inch"


def choose(product_name: str, groups: list[dict], chosen: dict[str, str]) -> list[ChosenOption]:
    """The customer's `chosen` options checked against the product's groups and priced from the product.

    Raises Invalid naming the option for a missing required one, an unknown one, an unknown choice or
    text that is too long.
    """
    declared = {g["name"].lower(): OptionGroup.model_validate(g) for g in groups}
    for name in chosen:
        if name.strip().lower() not in declared:
            offered = ", ".join(g.name for g in declared.values()) or "none"
            raise Invalid(f"{product_name} has no option {name!r} (options: {offered})", field="options")
    given = {name.strip().lower(): value for name, value in chosen.items()}
    picked: list[ChosenOption] = []
    for key, group in declared.items():
        value = (given.get(key) or "").strip()
        if not value:
            if group.required:
                raise Invalid(f"{product_name}: choose the option {group.name!r}", field="options")
            continue
        picked.append(_one(product_name, group, value))
    return picked


def _one(product_name: str, group: OptionGroup, value: str) -> ChosenOption:
    if group.kind == OptionKind.TEXT:
        if len(value) > group.max_length:
            raise Invalid(
                f"{product_name}: {group.name} is at most {group.max_length} characters ({len(value)} given)",
                field="options",
            )
        if "\x00" in value:
            raise Invalid(f"{product_name}: {group.name} must not contain NUL characters", field="options")
        return ChosenOption(group=group.name, value=value, free_text=True)
    for choice in group.choices:
        if choice.name.lower() == value.lower():
            return ChosenOption(group=group.name, value=choice.name, price=choice.price)
    offered = ", ".join(c.name for c in group.choices)
    raise Invalid(f"{product_name}: {group.name} {value!r} is not offered (choose one of: {offered})", field="options")


def surcharge(options: list[ChosenOption]) -> Decimal:
    return sum((o.price for o in options), Decimal("0.00"))


def options_label(options: list[dict]) -> str:
    """How a line's options read on a ticket, the board and the bake list: "8 inch · Inscription: Happy 40th"."""
    return " · ".join(f"{o['group']}: {o['value']}" if o.get("free_text") else o["value"] for o in options)
