

def test_a_sentence_after_a_colon_starts_in_lower_case_unless_a_name_or_an_acronym():
    from app.domain.text import after_colon

    assert after_colon("Les lignes totalisent 570,00 € HT.") == "les lignes totalisent 570,00 € HT."
    assert after_colon("L’échéance est obligatoire.") == "l’échéance est obligatoire."
    assert after_colon("The due date is required.") == "the due date is required."
    for kept in ("TVA : le taux manque.", "IBAN inconnu.", "Pennylane a refusé.", "Factur-X incomplet.", "", "À voir"):
        assert after_colon(kept) == (kept if kept != "À voir" else "à voir")
