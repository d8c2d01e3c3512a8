"""The fakes speak the documented protocols, also the parts our adapters do not use."""

import httpx


def test_fake_deepl_accepts_form_encoded_bodies(deepl_server):
    response = httpx.post(
        f"{deepl_server.url}/v2/translate",
        data={"text": ["Hallo", "Привіт"], "target_lang": "EN-GB"},
        headers={"Authorization": "DeepL-Auth-Key test-key:fx"},
    )

    assert response.status_code == 200
    assert response.json() == {
        "translations": [
            {"detected_source_language": "DE", "text": "[en] Hallo"},
            {"detected_source_language": "UK", "text": "[en] Привіт"},
        ]
    }


def test_fake_deepl_refuses_a_missing_key_and_an_unknown_target(deepl_server):
    body = {"text": ["Hallo"], "target_lang": "XX"}
    no_key = httpx.post(f"{deepl_server.url}/v2/translate", json=body)
    bad_target = httpx.post(
        f"{deepl_server.url}/v2/translate",
        json=body,
        headers={"Authorization": "DeepL-Auth-Key test-key:fx"},
    )

    assert no_key.status_code == 403
    assert bad_target.status_code == 400
    assert "target_lang" in bad_target.json()["message"]


def test_fake_libretranslate_detects_and_translates_single_strings(libretranslate_server):
    key = {"api_key": "test-libre-key"}
    detect = httpx.post(f"{libretranslate_server.url}/detect", json={"q": "Привіт", **key})
    single = httpx.post(
        f"{libretranslate_server.url}/translate",
        json={"q": "Привіт", "source": "auto", "target": "de", **key},
    )

    assert detect.json() == [{"language": "uk", "confidence": 90.0}]
    assert single.json() == {
        "translatedText": "[de] Привіт",
        "detectedLanguage": {"language": "uk", "confidence": 90.0},
    }


def test_fake_libretranslate_answers_errors_as_documented(libretranslate_server):
    response = httpx.post(
        f"{libretranslate_server.url}/translate",
        json={"q": "Hallo", "source": "de", "target": "fr", "api_key": "test-libre-key"},
    )

    assert response.status_code == 400
    assert response.json() == {"error": "fr is not supported"}


def test_fake_failure_modes_answer_every_endpoint(libretranslate_server):
    libretranslate_server.failure = 429

    response = httpx.post(f"{libretranslate_server.url}/detect", json={"q": "Hallo"})

    assert response.status_code == 429
    assert "error" in response.json()
