"""Schema fuzzing: schemathesis (pinned) generates requests from the app's own OpenAPI document and checks
every answer: no server error, every status, content type, header and body as documented, data the schema
allows accepted and data it forbids refused. Runs in-process against the ASGI app with an editor key, the
real models and a fresh SQLite store; bounded by the examples per operation and hypothesis' deadline."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from nlp_service.api import create_app
from nlp_service.settings import Settings

EDITOR = "bientap-fuzz-3b61c0d2"
HEADERS = {"Authorization": f"Bearer {EDITOR}"}
EXAMPLES = 50  # per operation and mode: 11 operations with input, two modes, at least 1,000 cases in all
# Valid and invalid requests. Not checked: that every schema-valid request is accepted, because some
# refusals are about meaning, which no schema states (a text that is all page furniture, two summary
# budgets at once, since after until, an unknown topic id): those stay 422 problems.
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@pytest.fixture(scope="module")
def fuzzed_app(analyzer, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("fuzz"), api_keys=f"{EDITOR}:editor", max_chars=4_000,
                        request_timeout=20, db_statement_timeout=20)
    app = create_app(settings, loader=lambda: analyzer.with_settings(settings))
    with TestClient(app):
        app.state.models.wait(60)
        yield app


def test_every_operation_answers_as_documented(fuzzed_app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)
    failures, cases = {}, Counter()
    for result, mode in itertools.product(schema.get_all_operations(), MODES):
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck), database=None)
        def run(case):
            cases[operation.label] += 1
            # The editor key goes with every case except an invalid one whose very point is a missing key.
            dropped_key = mode is GenerationMode.NEGATIVE and "Authorization" not in (case.headers or {})
            case.call_and_validate(headers=None if dropped_key else HEADERS, excluded_checks=[positive_data_acceptance])

        try:
            run()
        except Unsatisfiable:  # an operation without parameters or body has no invalid request to make
            assert mode is GenerationMode.NEGATIVE, operation.label
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - every operation is fuzzed, then all reported
            failures[f"{operation.label} ({mode.value})"] = str(exc)[:3000]
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
    assert len(cases) >= 14 and sum(cases.values()) >= 1_000, cases
