import pytest

from nlp_service.errors import UnknownSummaryMethod
from nlp_service.summarize import registry
from nlp_service.text.tokens import tokenize


def test_names_and_messages_come_from_the_one_list():
    assert registry.NAMES == tuple(registry.METHODS) and len(set(registry.NAMES)) == len(registry.NAMES)
    assert all(f'"{name}"' in registry.listed() for name in registry.NAMES)
    assert registry.described().startswith(f"{registry.NAMES[0]} (default)")
    with pytest.raises(UnknownSummaryMethod, match=registry.listed().replace('"', '.')):
        registry.method("abstractive")
    with pytest.raises(UnknownSummaryMethod):
        registry.method("")


def test_a_method_without_a_model_loads_with_no_directory():
    free = [m for m in registry.METHODS.values() if m.model is None]
    assert free, "one summarizer must work without any model directory"
    doc = tokenize("Sáng nay, tỉnh khánh thành cây cầu mới nối hai huyện ven biển sau hai năm thi công.")
    for m in free:
        summarizer = m.load()
        assert summarizer.version and [s.index for s in summarizer.summarize(doc, 1)] == [0]


def test_the_api_and_the_cli_offer_exactly_the_registered_names():
    from nlp_service.api.requests import AnalyzeRequest, SummarizeRequest
    from nlp_service.cli import SummaryMethod

    assert tuple(m.value for m in SummaryMethod) == registry.NAMES
    for model, field in ((AnalyzeRequest, "summary_method"), (SummarizeRequest, "method")):
        schema = model.model_json_schema()["properties"][field]
        assert [a for a in schema["anyOf"] if "enum" in a][0]["enum"] == list(registry.NAMES)
