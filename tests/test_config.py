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
