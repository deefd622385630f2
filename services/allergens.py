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

# A short mark beside each name on the storefront card; the name itself is always written out too,
# so a screen reader (and a customer who does not know the mark) reads the allergen, not the symbol.
ALLERGEN_MARKS: dict[Allergen, str] = {
    Allergen.CELERY: "🥬",
    Allergen.GLUTEN: "🌾",
    Allergen.CRUSTACEANS: "🦐",
    Allergen.EGGS: "🥚",
    Allergen.FISH: "🐟",
    Allergen.LUPIN: "🌼",
    Allergen.MILK: "🥛",
    Allergen.MOLLUSCS: "🦪",
    Allergen.MUSTARD: "🟡",
    Allergen.TREE_NUTS: "🌰",
    Allergen.PEANUTS: "🥜",
    Allergen.SESAME: "⚪",
    Allergen.SOYA: "🫘",
    Allergen.SULPHITES: "🍷",
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


def hides(product_allergens: list[str], avoided: set[str]) -> bool:
    """True when a customer avoiding `avoided` should not be shown a product declaring `product_allergens`."""
    return bool(avoided.intersection(product_allergens))
