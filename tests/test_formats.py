"""Readers for the files analysts receive: Windows-1252 text, UTF-16, HTML, PDF and DOCX."""
from __future__ import annotations

import pytest

from docfiles import docx_bytes, pdf_bytes
from geo.documents import iter_sources, load_paths, source_of
from geo.documents.formats import extract

CP1252 = ("SDF fighters \u201centered\u201d Tabqa on Monday \u2013 the city\u2019s dam was "
          "\u201cunder control\u201d, a spokesman said. Shelling hit Deir ez-Zor.")


def test_windows_1252_with_curly_quotes_is_read_and_its_encoding_recorded():
    source = source_of("report.txt", CP1252.encode("cp1252"))
    assert source.document.text == CP1252
    assert source.encoding == "cp1252"
    assert source.kind == "text"


def test_utf8_stays_utf8_and_utf16_with_bom_is_read():
    assert extract("a.txt", CP1252.encode("utf-8")).encoding == "utf-8"
    utf16 = extract("a.txt", CP1252.encode("utf-16"))
    assert utf16.text == CP1252 and utf16.encoding == "utf-16"


def test_html_in_windows_1252_gives_its_visible_text():
    page = f"<html><head><title>x</title></head><body><p>{CP1252}</p><script>alert(1)</script></body></html>"
    got = extract("page.html", page.encode("cp1252"))
    assert got.kind == "html" and got.text == CP1252


def test_pdf_text_layer_is_extracted():
    got = extract("r.pdf", pdf_bytes(["Kurdish forces advanced on Raqqa.", "Airstrikes hit Mosul (Iraq)."]))
    assert got.kind == "pdf"
    assert "Kurdish forces advanced on Raqqa." in got.text and "Mosul (Iraq)" in got.text


def test_docx_paragraphs_are_extracted():
    got = extract("r.docx", docx_bytes(["Government troops shelled Daraa.", "Rebels hold Idlib."]))
    assert got.kind == "docx" and got.text == "Government troops shelled Daraa.\nRebels hold Idlib."


@pytest.mark.parametrize("name, data, words", [
    ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf", "PDF"),
    ("scan.pdf", pdf_bytes([]), "OCR"),
    ("old.docx", b"\xd0\xcf\x11\xe0 an OLE2 .doc renamed", ".doc"),
    ("renamed.txt", pdf_bytes(["Raqqa"]), "rename"),
    ("empty.txt", b"   ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary"),
])
def test_unreadable_files_say_why_and_what_to_do(name, data, words):
    with pytest.raises(ValueError, match=words.replace(".", r"\.")):
        extract(name, data)


def test_a_folder_of_mixed_formats_loads_the_good_files_and_reports_the_bad(tmp_path, geoparser):
    (tmp_path / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (tmp_path / "report.pdf").write_bytes(pdf_bytes(["Kurdish forces advanced on Raqqa."]))
    (tmp_path / "memo.docx").write_bytes(docx_bytes(["Government troops shelled Daraa."]))
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    docs, errors = load_paths([tmp_path])
    assert sorted(d.id for d in docs) == ["cp1252", "memo", "report"]
    assert [e.path.endswith("broken.docx") for e in errors] == [True]
    places = {d.id: {m.name for m in geoparser.parse(d) if m.role == "place"} for d in docs}
    assert {"Tabqa", "Deir ez-Zor"} <= places["cp1252"]
    assert "Raqqa" in places["report"] and "Daraa" in places["memo"]
    for d in docs:  # offsets index into the extracted text
        for m in geoparser.parse(d):
            assert d.text[m.start:m.end] == m.surface
    encodings = {s.document.id: s.encoding for s in iter_sources([tmp_path]) if hasattr(s, "encoding")}
    assert encodings == {"cp1252": "cp1252", "report": "pdf", "memo": "docx"}


ARABIC = "سيطرت قوات سوريا الديمقراطية على مدينة الرقة بعد معارك عنيفة مع تنظيم داعش في شمال سوريا."
RUSSIAN = "Сирийская армия вошла в Дейр-эз-Зор после долгих боев."


@pytest.mark.parametrize("text, encoding, expected", [
    ("He said \u201cno\u201d.", "cp1252", "cp1252"),  # short: the detector alone guessed Ukrainian cp1125
    ("Ahmad al-\u2018Ali", "cp1252", "cp1252"),  # short: the detector alone guessed big5hkscs
    ("Deir ez-Zor: \u00ab calme \u00bb selon l\u2019OSDH", "cp1252", "cp1252"),
    ("Fighting near Raqqa caf\xe9", "latin-1", "cp1252"),
    (ARABIC, "cp1256", "cp1256"),  # Windows Arabic is not misread as accented Latin
    (RUSSIAN, "cp1251", "cp1251"),
])
def test_encodings_of_short_and_non_latin_texts(text, encoding, expected):
    got = extract("x.txt", text.encode(encoding))
    assert (got.text, got.encoding) == (text, expected)
