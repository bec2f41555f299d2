"""What the Streamlit pages share: one Assistant per index for the whole server."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from .assistant import Assistant
from .config import Settings


@st.cache_resource(show_spinner="Loading the papers and the models…")
def load_assistant(index_dir: str) -> Assistant:
    """Models and indexes load once, for every page and every visitor."""
    return Assistant.load(Settings.from_env(index_dir=Path(index_dir)))


def current_assistant() -> Assistant:
    return load_assistant(str(Settings.from_env().index_dir))
