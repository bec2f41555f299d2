"""Papers added from the chat page: saved safely, ingested one by one, failures told plainly."""

from __future__ import annotations

from assistant.assistant import Assistant
from assistant.uploads import add_papers, safe_name

from conftest import write_pdf


def test_uploaded_papers_go_in_and_bad_ones_fail_alone(papers, make_settings, embedder, tmp_path):
    from dataclasses import replace

    from assistant.ingest import Ingester

    settings = replace(make_settings(), corpus_dir=papers)
    Ingester(settings, embedder=embedder, echo=lambda *_: None).run([papers], progress=False)
    assistant = Assistant.load(settings, embedder=embedder)
    before = assistant.ask("What did the fostering panel say about the Bexhill respite scheme?")
    assert not before.answerable
    pdf = write_pdf(tmp_path / "made.pdf", [[
        "Hastings Borough Council", "Fostering Panel", "Minutes of the meeting held on 4 May 2023",
        "The panel agreed that the Bexhill respite scheme for foster carers should continue for a second year.",
        "Members noted that twelve foster families had used the Bexhill respite scheme since it began."]])
    progress = []
    outcomes = add_papers(assistant, [("../../evil name.pdf", pdf.read_bytes()), ("broken.pdf", b"%PDF-1.7 not really"),
                                      ("notes.docx", b"PK\x03\x04")],
                          on_progress=lambda done, total, name: progress.append((done, total)))
    assert [o.status for o in outcomes] == ["indexed", "failed", "failed"]
    assert "not a readable PDF" in outcomes[1].reason and "unsupported file type '.docx'" in outcomes[2].reason
    assert progress[-1] == (3, 3)
    saved = sorted(p.name for p in (papers / "uploads").iterdir())
    assert saved == ["evil_name.pdf"], "a safe name inside the corpus folder; failed files are not kept"
    after = assistant.ask("What did the fostering panel say about the Bexhill respite scheme?")
    assert after.answerable and "Bexhill respite scheme" in after.text
    assert after.citations[0].document == "evil_name.pdf" and after.citations[0].page == "1"
    assert "bexhill" in assistant.tools.papers_words, "an uploaded paper's words are never put right to catalogue words"
    assert safe_name("C:\\\\papers\\\\Pack (final).PDF") == "Pack_final.pdf"
