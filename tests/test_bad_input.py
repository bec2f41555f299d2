"""Bad files get one clear line each, the others still go in, and nothing indexed is lost."""

import pytest
from pypdf import PdfWriter

from assistant.cli import main
from assistant.config import Settings
from assistant.index import PaperIndex
from assistant.loaders import LoadError, load_document

from conftest import write_pdf

NORTH_SOMERSET = "north-somerset_2022-03-10_children-young-people-policy-scrutiny-panel.txt"


def _encrypted_pdf(folder):
    plain = write_pdf(folder / "plain-for-encryption.pdf", [["Secret minutes of the panel"]])
    writer = PdfWriter(clone_from=plain)
    writer.encrypt(user_password="s3cret", algorithm="RC4-128")
    path = folder / "encrypted.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def _bad_files(folder):
    """Each bad input, with the words its message must contain."""
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\n garbage \x00\x01 trailer")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    with open(folder / "huge.txt", "wb") as handle:  # 200 MB, sparse: quick to make
        handle.truncate(200 * 1024 * 1024)
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    _encrypted_pdf(folder)
    return {
        "corrupt.pdf": "not a readable PDF",
        "empty.txt": "empty file",
        "binary.txt": "binary content",
        "huge.txt": "too large",
        "minutes.docx": "unsupported file type '.docx'",
        "encrypted.pdf": "encrypted PDF",
    }


@pytest.mark.parametrize("name", ["corrupt.pdf", "empty.txt", "binary.txt", "huge.txt", "minutes.docx", "encrypted.pdf"])
def test_loader_names_the_reason(tmp_path, name):
    expected = _bad_files(tmp_path)[name]
    with pytest.raises(LoadError, match=expected.replace("(", r"\(").replace(".", r"\.")):
        load_document(tmp_path / name, 100 * 1024 * 1024)


def test_missing_path_is_reported(tmp_path):
    with pytest.raises(LoadError, match="no such file"):
        load_document(tmp_path / "nowhere.pdf", 10**9)


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "budget.txt"
    path.write_bytes("Budget monitoring\n\nThe forecast overspend is \u00a32.1m on placements for children\u2019s care.\n".encode("cp1252"))
    text = load_document(path, 10**9).pages[0].text
    assert "\u00a32.1m" in text and "children\u2019s" in text


def test_bad_files_fail_alone_and_nothing_indexed_is_lost(tmp_path, papers, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    assert main(["ingest", "--quiet", str(papers)]) == 0
    bad = tmp_path / "bad"
    bad.mkdir()
    reasons = _bad_files(bad)
    (bad / "cp1252.txt").write_bytes("Report title: Family support\n\nCaf\u00e9 sessions for parents cost \u00a3400.\n".encode("cp1252"))
    missing = tmp_path / "missing.pdf"
    capsys.readouterr()
    status = main(["ingest", "--quiet", str(papers), *(str(bad / n) for n in sorted(reasons)),
                   str(bad / "cp1252.txt"), str(missing)])
    out = capsys.readouterr().out
    assert status == 1
    for name, reason in reasons.items():
        assert any(line.startswith("FAILED") and name in line and reason in line for line in out.splitlines()), name
    assert f"FAILED {missing}: no such file or directory" in out
    assert "7 failed" in out and "1 indexed" in out and "2 unchanged" in out
    index = PaperIndex(Settings.from_env())
    assert set(index.documents()) == {NORTH_SOMERSET, "northumberland_2019-06-06_family-and-children-overview-scrutiny.txt", "cp1252.txt"}
    assert main(["search", "--document", "cp1252", "Café sessions"]) == 0
    assert "£400" in capsys.readouterr().out
