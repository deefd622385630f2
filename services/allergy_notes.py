"""Spotting an allergy in an order's note, so the board and the ticket mark it where nobody can miss it.

Customers write "ALLERGY: sesame", "no nuts please, my son is allergic" or "coeliac": a note naming one of the
14 allergens the law makes a bakery declare, a common food behind one of them, or allergy words themselves.
A false alarm costs a glance; a missed allergy can cost far more, so the list errs on the side of marking.
"""

import re

# Word starts, matched at a word boundary: "allerg" finds allergy, allergic, allergies.
ALLERGY_WORDS = (
    "allerg",
    "intoleran",
    "anaphyla",
    "epipen",
    "coeliac",
    "celiac",
    "gluten",
    "wheat",
    "barley",
    "rye",
    "spelt",
    "peanut",
    "almond",
    "hazelnut",
    "walnut",
    "cashew",
    "pistachio",
    "pecan",
    "macadamia",
    "sesame",
    "milk",
    "dairy",
    "lactose",
    "butter",
    "cream",
    "egg",
    "soy",
    "mustard",
    "celery",
    "lupin",
    "fish",
    "crustacean",
    "shellfish",
    "prawn",
    "mollus",
    "sulphite",
    "sulfite",
)
_PATTERN = re.compile(
    r"\b(?:" + "|".join(ALLERGY_WORDS) + r")|\bnuts?\b",  # "nut" and "nuts" whole: nutmeg is no allergen
    re.IGNORECASE,
)


def mentions_allergy(note: str | None) -> bool:
    """True when the note names an allergen or an allergy (case and punctuation do not matter)."""
    return bool(note and _PATTERN.search(note))
