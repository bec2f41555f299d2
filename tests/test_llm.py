"""The optional LLM: wired through langchain's agent with the same tools, and its numbers guarded.
Scripted chat models from langchain_core stand in for a real model server."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.assistant import Assistant
from assistant.llm import LLMUnavailable, chat_model_from_config

QUESTION = "How did short-term placement stability change in Norfolk between January and April 2018?"
CHANGE_CALL = {"name": "change", "id": "call-1",
               "args": {"indicator": "placement_stability_short", "council": "Norfolk", "start": "Jan 2018", "end": "Apr 2018"}}


class ScriptedChat(GenericFakeChatModel):
    """A chat model that replays scripted messages; binding tools changes nothing."""

    def bind_tools(self, tools, **kwargs):
        return self


class BrokenChat(ScriptedChat):
    def _generate(self, *args, **kwargs):
        raise ConnectionError("model server is down")


def _assistant(corpus_index, embedder, *replies) -> Assistant:
    model = ScriptedChat(messages=iter([AIMessage(content="", tool_calls=[CHANGE_CALL]), *replies]))
    return Assistant.load(corpus_index[0], embedder=embedder, chat_model=model)


def test_an_llm_answer_built_from_tool_results_is_kept(corpus_index, indicator_tools, embedder):
    text = ("In Norfolk, 11.5% of children in care had 3 or more placements in April 2018, up from 10.7% in "
            "January 2018: worse, as lower is better.")
    answer = _assistant(corpus_index, embedder, AIMessage(content=text)).ask(QUESTION)
    assert answer.backend == "llm" and answer.text == text
    assert answer.citations and answer.values, "the sources of the figures stay with the answer"


def test_an_llm_answer_with_an_invented_number_is_caught(corpus_index, indicator_tools, embedder):
    invented = "In Norfolk placement stability worsened to 14.2% in April 2018."
    answer = _assistant(corpus_index, embedder, AIMessage(content=invented)).ask(QUESTION)
    assert answer.backend.startswith("offline") and "withheld" in answer.backend
    assert "14.2" not in answer.text.split("\n\n(")[0], "the offline answer stands"
    assert "numbers found in no source: 14.2" in answer.text
    assert "11.5%" in answer.text


def test_a_model_server_that_is_down_leaves_the_offline_answer(corpus_index, indicator_tools, embedder):
    assistant = Assistant.load(corpus_index[0], embedder=embedder, chat_model=BrokenChat(messages=iter([])))
    answer = assistant.ask(QUESTION)
    assert answer.answerable and "11.5%" in answer.text and "could not be reached" in answer.text


def test_the_llm_setting_is_read_plainly():
    assert chat_model_from_config("none") is None
    with pytest.raises(LLMUnavailable, match="ollama:MODEL or openai:MODEL"):
        chat_model_from_config("gpt")
    with pytest.raises(LLMUnavailable, match="backend must be"):
        chat_model_from_config("bard:x")


def test_the_page_can_keep_a_configured_llm_out_of_an_answer(corpus_index, indicator_tools, embedder):
    assistant = _assistant(corpus_index, embedder, AIMessage(content="Placement stability was 99% in 2018."))
    answer = assistant.ask(QUESTION, use_llm=False)
    assert answer.backend == "offline" and "99%" not in answer.text and "11.5%" in answer.text
