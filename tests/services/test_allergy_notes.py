"""An order note that names an allergy is spotted, however the customer wrote it; an ordinary note is not."""

import pytest

from services.allergy_notes import mentions_allergy


@pytest.mark.parametrize(
    "note",
    ["ALLERGY: sesame", "no nuts please", "my son is allergic to eggs", "Coeliac!", "nut-free", "Dairy free x"],
)
def test_a_note_naming_an_allergy_is_marked(note):
    assert mentions_allergy(note)


@pytest.mark.parametrize("note", [None, "", "Happy birthday Sam", "Nutmeg on top", "Ring the side bell"])
def test_an_ordinary_note_is_not_marked(note):
    assert not mentions_allergy(note)
