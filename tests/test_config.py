from app.config import Settings, app_dirs, load_settings, save_settings


def test_settings_round_trip_and_live_under_the_app_home(app_home):
    settings = Settings(language="fr", current_company_id=7, companies={"7": "Atelier"})
    save_settings(settings)
    assert (app_home / "config" / "settings.json").exists()
    assert load_settings() == settings
    assert app_dirs().data == app_home / "data"


def test_a_damaged_or_foreign_settings_file_falls_back_to_defaults(app_home):
    path = app_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    assert load_settings() == Settings()
    path.write_text('{"language": "en", "unknown_future_key": 1}')
    assert load_settings().language == "en"


def test_the_api_url_follows_the_environment(monkeypatch):
    monkeypatch.setenv("PENNYLANE_API_URL", "http://127.0.0.1:9/api/external/v2")
    assert Settings().effective_api_url() == "http://127.0.0.1:9/api/external/v2"


def test_payment_terms_round_trip_per_company(app_home):
    from app.domain.terms import PaymentTerms

    settings = Settings()
    settings.set_terms(7, PaymentTerms(45, True))
    settings.set_terms(8, PaymentTerms.on_receipt())
    save_settings(settings)
    loaded = load_settings()
    assert loaded.terms_for(7) == PaymentTerms(45, True) and loaded.terms_for(8) == PaymentTerms(0, False)
    assert loaded.terms_for(9) is None and loaded.terms_for(None) is None
    loaded.set_terms(7, None)  # back to "ask me"
    save_settings(loaded)
    assert load_settings().terms_for(7) is None and load_settings().terms_for(8) is not None


def test_hostile_payment_terms_are_ignored_one_by_one(app_home):
    import json

    from app.domain.terms import PaymentTerms

    path = app_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    hostile = {
        "7": {"days": 30, "end_of_month": True},  # the one good entry
        "8": {"days": 10**30}, "9": {"days": -1}, "10": {"days": "30"}, "11": {"days": 1e308},
        "12": {"days": 30, "end_of_month": "__import__('os')"}, "13": [30], "14": None,
        "abc": {"days": 30}, "-3": {"days": 30}, "0": {"days": 30}, "1" * 40: {"days": 30},
        "１２": {"days": 30},  # full-width digits: not a company id
    }
    path.write_text(json.dumps({"language": "fr", "payment_terms": hostile}), encoding="utf-8")
    settings = load_settings()
    assert settings.language == "fr"  # the rest of the file stands
    assert settings.payment_terms == {7: PaymentTerms(30, True)}
    for value in ([1, 2], "30 days", 42, None):
        path.write_text(json.dumps({"payment_terms": value}), encoding="utf-8")
        assert load_settings().payment_terms == {}
    many = {str(i): {"days": 30} for i in range(1, 5000)}
    path.write_text(json.dumps({"payment_terms": many}), encoding="utf-8")
    assert len(load_settings().payment_terms) == 1000  # bounded


def test_settings_of_the_wrong_type_fall_back_to_their_defaults_one_by_one(app_home):
    import json

    path = app_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({
        "language": {"fr": 1}, "api_url": None, "current_company_id": "7; DROP TABLE", "companies": 5,
        "sandbox_companies": "7", "last_folder": "x" * 100_000, "default_folder": "/home/compta/Factures",
    }), encoding="utf-8")
    settings = load_settings()
    defaults = Settings()
    assert (settings.language, settings.api_url, settings.current_company_id) == (None, defaults.api_url, None)
    assert (settings.companies, settings.sandbox_companies, settings.last_folder) == ({}, [], None)
    assert settings.default_folder == "/home/compta/Factures"  # the good value stands
    path.write_text(json.dumps({"companies": {"7": "Atelier", "8": ["x"], "9": None, "abc": "X", "-1": "Y"},
                                "current_company_id": 7, "sandbox_companies": ["7", 8, "x"]}), encoding="utf-8")
    settings = load_settings()
    assert settings.companies == {"7": "Atelier"} and settings.sandbox_companies == ["7"]
    assert settings.current_company_id == 7


def test_a_deeply_nested_or_huge_settings_file_falls_back_to_defaults(app_home):
    path = app_home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"payment_terms": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert load_settings() == Settings()
    path.write_text('{"language": "fr", "pad": "' + "x" * 2_000_000 + '"}', encoding="utf-8")
    assert load_settings() == Settings()
