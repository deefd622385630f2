"""The 14 allergens UK/EU food law makes a bakery declare, in the words a customer reads on a label."""

from enum import StrEnum


class Allergen(StrEnum):
    CELERY = "celery"
    GLUTEN = "cereals containing gluten"
    CRUSTACEANS = "crustaceans"
    EGGS = "eggs"
    FISH = "fish"
    LUPIN = "lupin"
    MILK = "milk"
    MOLLUSCS = "molluscs"
    MUSTARD = "mustard"
    TREE_NUTS = "tree nuts"
    PEANUTS = "peanuts"
    SESAME = "sesame"
    SOYA = "soya"
    SULPHITES = "sulphites"


VALID_ALLERGENS = ", ".join(a.value for a in Allergen)

# A Material icon beside each name on the storefront card (the font ships with the app, unlike emoji fonts);
# the name itself is always written out too, so a screen reader reads the allergen, not the picture.
ALLERGEN_ICONS: dict[Allergen, str] = {
    Allergen.CELERY: "eco",
    Allergen.GLUTEN: "grass",
    Allergen.CRUSTACEANS: "water",
    Allergen.EGGS: "egg",
    Allergen.FISH: "set_meal",
    Allergen.LUPIN: "local_florist",
    Allergen.MILK: "water_drop",
    Allergen.MOLLUSCS: "waves",
    Allergen.MUSTARD: "circle",
    Allergen.TREE_NUTS: "park",
    Allergen.PEANUTS: "spa",
    Allergen.SESAME: "grain",
    Allergen.SOYA: "energy_savings_leaf",
    Allergen.SULPHITES: "wine_bar",
}


def allergen_list(values: list[str]) -> list[Allergen]:
    """Known allergens, each once, in the law's order; an unknown name raises ValueError listing the valid ones."""
    chosen = set()
    for value in values:
        try:
            chosen.add(Allergen(value.strip().lower()))
        except ValueError:
            raise ValueError(f"Unknown allergen {value!r}; valid allergens are: {VALID_ALLERGENS}") from None
    return [a for a in Allergen if a in chosen]


def hides(allergens: list[str], may_contain: list[str], avoided: set[str]) -> bool:
    """True when a customer avoiding `avoided` should not be shown a product declaring these. "May contain"
    counts too: a customer avoiding nuts cannot risk traces either."""
    return bool(avoided.intersection(allergens) or avoided.intersection(may_contain))
