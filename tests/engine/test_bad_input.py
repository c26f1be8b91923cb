"""Bad input of every kind gets one clear sentence (what is wrong, what to do), never a traceback.

Files are built here in tmp_path: empty, binary, huge, mis-encoded, vanished, locked, looping,
malformed; text in other scripts; folders of thousands of files; an article against itself.
"""

import io
import os
import random
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from documents import LEAD, PAGE, SECOND, THIRD, make_docx, make_pdf

from twofold.engine.cache import Cache
from twofold.engine.compare import compare
from twofold.engine.errors import (
    ArticleEmpty,
    ArticleError,
    ArticleNotFound,
    ArticleTooLarge,
    ArticleUnreadable,
)
from twofold.engine.library.folder import list_files
from twofold.engine.library.index import SkippedFile, read_files, scan
from twofold.engine.load import MAX_BYTES, MAX_PARAGRAPH_CHARS, load_article
from twofold.engine.worddiff import normalise_span

HEADLINE = "Niger ends military pact"
ARABIC = "قالت الحكومة يوم السبت إنها أنهت الاتفاق العسكري مع الولايات المتحدة."
HEBREW = "הממשלה הודיעה ביום שבת כי סיימה את ההסכם הצבאי עם ארצות הברית."
CHINESE = "尼日尔政府周六宣布终止与美国的军事协议。发言人在电视上宣读了声明。"
EMOJI = "Le cafe\u0301 👍🏽 a fermé à 18 h, dit Zoë 🇫🇷 à Paris 👩\u200d👩\u200d👧."


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def assert_one_clear_sentence(err: ArticleError, path: Path | str, says: str) -> None:
    """The message names the file, says what is wrong and what to do, on one line."""
    message = str(err)
    assert message.startswith(f"{path}: ")
    assert says in message
    assert err.advice, "every message says what to do"
    assert "\n" not in message and "Traceback" not in message


def zip_with(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """A copy of the zip `data` with members replaced (bytes) or dropped (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change.get(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


def flip_in_member(data: bytes, member: str) -> bytes:
    """The zip `data` with one byte of `member`'s compressed data changed (its CRC then fails)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(data)
    damaged[start + info.compress_size // 2] ^= 0xFF
    return bytes(damaged)


DOCX = make_docx([(HEADLINE, "Title"), (LEAD, "Normal"), (SECOND, "Normal")])
PDF = make_pdf([[(HEADLINE, 20), ("", 11), (LEAD, 11), ("", 11), (SECOND, 11)]])


# ---- text files: empty, blank, binary, renamed -----------------------------------------------

@pytest.mark.parametrize(
    ("name", "content", "error", "says"),
    [
        ("empty.txt", b"", ArticleEmpty, "is empty (0 bytes)"),
        ("blank.txt", b"  \r\n\n\t \r  ", ArticleEmpty, "only spaces and blank lines"),
        ("blank-utf16.txt", "   \n\n ".encode("utf-16"), ArticleEmpty, "only spaces"),
        ("zeros.txt", b"\x00" * 4096, ArticleEmpty, "only zero bytes"),
        ("noise.txt", random.Random(7).randbytes(4096), ArticleUnreadable, "binary"),
        ("table.txt", bytes(range(256)) * 20, ArticleUnreadable, "binary"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(500), ArticleUnreadable,
         "is a PNG image with '.txt' name"),
        ("report.txt", PDF, ArticleUnreadable, "is a PDF document with '.txt' name"),
        ("letter.md", DOCX, ArticleUnreadable, "is a zip archive (perhaps a Word .docx file)"),
        ("page.html", PDF, ArticleUnreadable, "is a PDF document with '.html' name"),
        ("mail.eml", DOCX, ArticleUnreadable, "zip archive"),
    ],
)
def test_unusable_text_files_say_why(tmp_path: Path, name: str, content: bytes,
                                     error: type[ArticleError], says: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(error) as info:
        load_article(path)
    assert_one_clear_sentence(info.value, path, says)


def test_a_renamed_file_is_told_its_real_suffix(tmp_path: Path) -> None:
    with pytest.raises(ArticleUnreadable) as info:
        load_article(write(tmp_path, "story.txt", PDF))
    assert info.value.advice == "rename it to end in .pdf"


# ---- encodings, line endings, stray bytes, scripts -------------------------------------------

BODY = f"{HEADLINE}\r\n{LEAD}\r\nCafé “quoted” – naïve.\r\n"
EXPECTED = [HEADLINE, LEAD, "Café “quoted” – naïve."]


@pytest.mark.parametrize(
    ("data", "paragraphs", "encoding"),
    [
        (b"\xff\xfe" + BODY.encode("utf-16-le"), EXPECTED, "utf-16"),
        (b"\xfe\xff" + BODY.encode("utf-16-be"), EXPECTED, "utf-16"),
        (BODY.encode("utf-16-le"), EXPECTED, "utf-16-le"),  # no BOM: every other byte is zero
        (BODY.encode("utf-16-be"), EXPECTED, "utf-16-be"),
        # a BOM'd file cut mid-character keeps what it has
        (b"\xff\xfe" + BODY.encode("utf-16-le") + b"A", [*EXPECTED, "\ufffd"], "utf-16"),
        # short Windows-1252 text with curly quotes fools statistical guessers
        (b"Headline\r\nHe said \x93caf\xe9\x94 \x96 twice.\r\n",
         ["Headline", "He said “café” – twice."], "cp1252"),
        (b"Headline\nHe said \x93no\x94.\n", ["Headline", "He said “no”."], "cp1252"),
        ("Ça a débuté à l'été, déjà.\n".encode("latin-1"), ["Ça a débuté à l'été, déjà."],
         "cp1252"),
        (b"Headline\r\nFirst.\rSecond.\nThird.\r\n\r\nFourth.\n\rFifth.",
         ["Headline", "First.", "Second.", "Third.", "Fourth.", "Fifth."], "utf-8"),
        (b"Headline\nHello\x00 world.\nSecond\x00\x00 line.\x00",
         ["Headline", "Hello world.", "Second line."], "utf-8"),
        (f"عنوان الخبر\n{ARABIC}\n{HEBREW}\n".encode(), ["عنوان الخبر", ARABIC, HEBREW], "utf-8"),
        (f"{CHINESE}\n日本語の見出し\n".encode(), [CHINESE, "日本語の見出し"], "utf-8"),
        (f"{EMOJI}\n".encode(), [EMOJI], "utf-8"),
    ],
    ids=["utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf16-cut", "cp1252",
         "cp1252-short", "latin1", "line-endings", "nul-bytes", "rtl", "cjk", "emoji"],
)
def test_text_decodes_exactly(tmp_path: Path, data: bytes, paragraphs: list[str],
                              encoding: str) -> None:
    article = load_article(write(tmp_path, "a.txt", data))
    assert [p.text for p in article.paragraphs] == paragraphs
    assert article.encoding == encoding


def test_lone_surrogates_do_not_break_the_article(tmp_path: Path) -> None:
    # JSON may spell half a character ("\ud800"); the digest and any output need valid text
    path = write(tmp_path, "a.json", '{"title": "Half \\ud800 title", "text": "A \\udfff b."}')
    article = load_article(path)
    assert article.title == "Half \ufffd title"
    assert [p.text for p in article.paragraphs] == ["Half \ufffd title", "A \ufffd b."]
    assert article.digest


# ---- size: a huge file, a growing file, a device, one enormous paragraph ---------------------

@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf", ".json", ".eml"])
def test_a_50_mb_file_is_refused_without_opening_it(tmp_path: Path, suffix: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"huge{suffix}"
    with path.open("wb") as fh:
        fh.truncate(50 * 2**20)

    def no_open(self: Path, *args: object, **kwargs: object) -> None:
        raise AssertionError(f"{self} was opened")

    monkeypatch.setattr(Path, "open", no_open)
    monkeypatch.setattr(Path, "read_bytes", no_open)
    with pytest.raises(ArticleTooLarge) as info:
        load_article(path)
    assert_one_clear_sentence(info.value, path, "is 50 MB, more than the 20 MB Twofold reads")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_stream_longer_than_the_limit_is_cut_off(tmp_path: Path) -> None:
    # a pipe has no size to check first: reading stops one byte past the limit
    path = tmp_path / "stream.txt"
    os.mkfifo(path)
    written: list[int] = []

    def feed() -> None:
        chunk = b"word " * 200_000
        try:
            with path.open("wb") as fh:
                for _ in range(MAX_BYTES // len(chunk) + 2):
                    written.append(fh.write(chunk))
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        with pytest.raises(ArticleTooLarge) as info:
            load_article(path)
    finally:
        writer.join()
    assert_one_clear_sentence(info.value, path, "more than the 20 MB Twofold reads")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(ArticleUnreadable) as info:
        load_article(link)
    assert_one_clear_sentence(info.value, link, "is a device or socket")


def test_a_folder_with_an_article_name_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "story.txt"
    folder.mkdir()
    with pytest.raises(ArticleUnreadable) as info:
        load_article(folder)
    assert_one_clear_sentence(info.value, folder, "is a folder, not a file")


def _one_megabyte_paragraph() -> str:
    rng = random.Random(3)
    words = ("the council met on monday and approved a budget for schools roads and hospitals "
             "after a long debate in which the mayor said nothing").split()
    sentences, size = [], 0
    while size <= 2**20:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(6, 30))) + "."
        sentences.append(sentence.capitalize())
        size += len(sentence) + 1
    return " ".join(sentences)


@pytest.fixture(scope="module")
def enormous(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A 1 MB article on one line: beyond the 1,000,000 characters spaCy takes in one piece."""
    text = _one_megabyte_paragraph()
    path = tmp_path_factory.mktemp("big") / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_an_enormous_paragraph_is_cut_at_sentence_ends(enormous: tuple[Path, str]) -> None:
    path, text = enormous
    paragraphs = [p.text for p in load_article(path).paragraphs]
    assert len(text) > 1_000_000
    assert " ".join(paragraphs) == text, "nothing lost or reordered"
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for p in paragraphs)
    assert all(p.endswith(".") for p in paragraphs), "cut at sentence ends"


def test_an_unbroken_run_is_cut_between_whole_characters(tmp_path: Path) -> None:
    run = ("日本語" + "e\u0301" * 3 + "👍🏽") * 3000  # no spaces, no stops: nowhere better to cut
    paragraphs = [p.text for p in load_article(write(tmp_path, "run.txt", run)).paragraphs]
    assert "".join(paragraphs) == run
    assert all(len(p) <= MAX_PARAGRAPH_CHARS for p in paragraphs)
    assert not any(p[0] in "\u0301\U0001F3FD" for p in paragraphs), "no accent or tone orphaned"


def test_an_enormous_paragraph_compares_with_a_normal_article(
        enormous: tuple[Path, str], seed_files: list[Path], tmp_path: Path) -> None:
    # A tenth of the megabyte, still twelve times the paragraph limit: the cut pieces go through
    # every stage (the whole megabyte takes a minute of spaCy and shows nothing more; the loader
    # test above reads all of it).
    cut = enormous[1][:120_000].rsplit(". ", 1)[0] + "."
    result = compare(write(tmp_path, "long-line.txt", cut), seed_files[0])
    assert len(result.left.paragraphs) >= 12 and result.left.word_count > 15_000
    assert 0.0 <= result.similarity < 0.5
    assert len(result.unique_right()) + len({link.right for link in result.links}) == len(
        result.right.paragraphs)


# ---- offsets in other scripts index the Python string ----------------------------------------

@pytest.mark.parametrize(
    ("left", "right", "was", "now"),
    [
        (EMOJI, EMOJI.replace("fermé", "ouvert"), "fermé", "ouvert"),
        (EMOJI, EMOJI.replace("Zoë", "Zoe\u0301"), "ë", "e\u0301"),
        (ARABIC, ARABIC.replace("السبت", "الأحد"), "السبت", "الأحد"),
        (HEBREW, HEBREW.replace("שבת", "ראשון"), "שבת", "ראשון"),
        # Chinese is diffed character by character: only the day's character differs
        (CHINESE, CHINESE.replace("周六", "周日"), "六", "日"),
    ],
    ids=["emoji", "combining", "arabic", "hebrew", "chinese"],
)
def test_word_diff_offsets_slice_the_right_characters(
        tmp_path: Path, left: str, right: str, was: str, now: str) -> None:
    other = "A second paragraph that both articles share word for word."
    a = write(tmp_path, "a.txt", f"{left}\n{other}\n")
    b = write(tmp_path, "b.txt", f"{right}\n{other}\n")
    result = compare(a, b)
    assert [p.text for p in result.left.paragraphs] == [left, other]
    assert [p.text for p in result.right.paragraphs] == [right, other]
    first = next(link for link in result.links if link.left == 0)
    ltext, rtext = left, result.right.paragraphs[first.right].text
    changed = [(ltext[o.left[0]:o.left[1]], rtext[o.right[0]:o.right[1]])
               for o in first.ops if o.tag != "equal"]
    assert len(changed) == 1 and was in changed[0][0] and now in changed[0][1]
    for op in first.ops:
        if op.tag == "equal":
            assert normalise_span(ltext[op.left[0]:op.left[1]]) == normalise_span(
                rtext[op.right[0]:op.right[1]])
    for side in (result.left, result.right):
        for p in side.paragraphs:
            assert "".join(p.text[s:e] for s, e in p.sentences).replace(" ", "") == \
                p.text.replace(" ", ""), "sentence spans cover the paragraph"
    for entity in result.left_entities:  # may be none in scripts the model does not know
        assert entity.mentions
        for m in entity.mentions:
            span = result.left.paragraphs[m.paragraph].text[m.start:m.end]
            assert span and span == span.strip()


def test_composed_and_decomposed_accents_are_the_same_word() -> None:
    from twofold.engine.worddiff import diff_paragraphs

    ops = diff_paragraphs("Le café ferme.", "Le cafe\u0301 ferme.")
    assert [op.tag for op in ops] == ["equal"]


# ---- an article against itself, two articles with nothing in common -------------------------

def test_an_article_compared_with_itself_is_all_verbatim(seed_files: list[Path]) -> None:
    result = compare(seed_files[0], seed_files[0])
    n = len(result.left.paragraphs)
    assert [(link.left, link.right, link.kind) for link in result.links] == [
        (i, i, "verbatim") for i in range(n)]
    assert all(op.tag == "equal" for link in result.links for op in link.ops)
    assert result.divergences == ()
    assert result.similarity == pytest.approx(1.0)
    assert all(e.shared and not e.other_forms for e in result.left_entities)


def test_two_articles_with_nothing_in_common(tmp_path: Path, seed_files: list[Path]) -> None:
    recipe = write(tmp_path, "recipe.txt", (
        "How to bake sourdough bread at home\n"
        "Mix flour and water and leave the dough to rest for an hour.\n"
        "Fold in salt and a spoonful of starter, then knead gently.\n"
        "Bake in a hot oven until the crust turns a deep brown.\n"))
    result = compare(seed_files[0], recipe)
    assert result.links == ()
    assert result.unique_left() == [p.id for p in result.left.paragraphs]
    assert result.unique_right() == [p.id for p in result.right.paragraphs]
    assert result.similarity < 0.1
    assert result.divergences == ()
    assert not any(e.shared for e in result.left_entities + result.right_entities)


# ---- files that vanish, change, or may not be read -------------------------------------------

def _delete(p: Path) -> None:
    p.unlink()


def _to_folder(p: Path) -> None:
    p.unlink()
    p.mkdir()


def _to_binary(p: Path) -> None:
    p.write_bytes(bytes(range(256)) * 8)


def _to_empty(p: Path) -> None:
    p.write_bytes(b"")


def _to_huge(p: Path) -> None:
    with p.open("r+b") as fh:
        fh.truncate(MAX_BYTES + 1)


@pytest.mark.parametrize(
    ("change", "says"),
    [(_delete, "no longer exists"), (_to_folder, "is a folder"), (_to_binary, "binary"),
     (_to_empty, "is empty"), (_to_huge, "more than the 20 MB")],
    ids=["deleted", "now-a-folder", "now-binary", "emptied", "grew"],
)
def test_a_file_changed_after_listing_is_reported_and_the_rest_still_loads(
        tmp_path: Path, change: object, says: str) -> None:
    write(tmp_path, "a.txt", f"{HEADLINE}\n{LEAD}\n")
    victim = write(tmp_path, "b.txt", f"{HEADLINE}\n{SECOND}\n")
    paths = list_files(tmp_path)
    change(victim)  # type: ignore[operator]
    entries = read_files(paths, cache=Cache(None)).entries
    assert not isinstance(entries[0], SkippedFile)
    assert isinstance(entries[1], SkippedFile) and says in entries[1].reason


def test_a_loader_bug_is_listed_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    write(tmp_path, "a.txt", LEAD)
    write(tmp_path, "b.txt", SECOND)
    import twofold.engine.library.index as index

    def broken(path: Path) -> object:
        if path.name == "b.txt":
            raise ValueError("a bug")
        return load_article(path)

    monkeypatch.setattr(index, "load_article", broken)
    entries = scan(tmp_path, cache=Cache(None)).entries
    assert not isinstance(entries[0], SkippedFile)
    assert isinstance(entries[1], SkippedFile)
    assert "internal error (ValueError)" in entries[1].reason


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.docx", "a.pdf", "a.json",
                                  "a.rtf", "a.eml"])
def test_permission_denied_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   name: str) -> None:
    path = write(tmp_path, name, b"{\\rtf1 x}" if name.endswith(".rtf") else LEAD.encode())
    real_open = Path.open

    def locked(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked)
    with pytest.raises(ArticleUnreadable) as info:
        load_article(path)
    assert_one_clear_sentence(info.value, path, "permission denied")


def test_an_unreadable_folder_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def locked(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", locked)
    with pytest.raises(ArticleError) as info:
        list_files(tmp_path)
    assert_one_clear_sentence(info.value, tmp_path, "permission denied")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root (as in CI containers) reads files whatever their mode")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = write(tmp_path, "locked.txt", LEAD)
    path.chmod(0)
    try:
        with pytest.raises(ArticleUnreadable, match="permission denied"):
            load_article(path)
        skipped = scan(tmp_path, cache=Cache(None)).skipped
        assert "permission denied" in skipped[0].reason
    finally:
        path.chmod(0o600)


# ---- folders: link loops, thousands of files, names in other scripts ------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_link_loops_end_and_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "real.txt", f"{HEADLINE}\n{LEAD}\n")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    listing = scan(tmp_path, cache=Cache(None))
    entries = {Path(e.path).name: e for e in listing.entries}
    assert sorted(entries) == ["a.txt", "b.txt", "gone.txt", "real.txt"], "no folder entered"
    reasons = {Path(s.path).name: s.reason for s in listing.skipped}
    assert "real.txt" not in reasons
    for loop in ("a.txt", "b.txt"):
        assert "symbolic link that leads round in a circle" in reasons[loop]
    assert "no longer exists" in reasons["gone.txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges")
def test_a_folder_that_is_a_link_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x").symlink_to(tmp_path / "y")
    (tmp_path / "y").symlink_to(tmp_path / "x")
    with pytest.raises(ArticleError) as info:
        list_files(tmp_path / "x")
    assert_one_clear_sentence(info.value, tmp_path / "x", "cannot be listed")


def test_ten_thousand_files_are_listed_without_being_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    names = [f"article-{i:05d}.txt" for i in range(10_000)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")

    def no_read(*args: object, **kwargs: object) -> None:
        raise AssertionError("listing read a file")

    monkeypatch.setattr(Path, "open", no_read)
    monkeypatch.setattr(Path, "read_bytes", no_read)
    monkeypatch.setattr("twofold.engine.library.index.load_article", no_read)
    assert [p.name for p in list_files(tmp_path)] == names


def test_non_ascii_folder_and_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "Bérénice"
    good = write(folder, "日本語.txt", f"{HEADLINE}\n{LEAD}\n")
    bad = write(folder, "ملف فارغ.txt", b"")
    assert list_files(folder) == sorted([good, bad])
    assert load_article(good).path == str(good)
    with pytest.raises(ArticleEmpty) as info:
        load_article(bad)
    assert_one_clear_sentence(info.value, bad, "is empty")


@pytest.mark.skipif(sys.platform != "linux", reason="file names are bytes on Linux only")
def test_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")  # a Latin-1 name
    with open(raw, "wb") as fh:
        fh.write(f"{HEADLINE}\n{LEAD}\n".encode())
    [path] = list_files(tmp_path)
    assert [p.text for p in load_article(path).paragraphs] == [HEADLINE, LEAD]


# ---- malformed documents of each format ------------------------------------------------------

def _docx_bomb() -> bytes:
    """A .docx whose document.xml unpacks to 210 MB of spaces (a few hundred KB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(DOCX)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("word/document.xml", "w", force_zip64=True) as fh:
            block = b" " * 2**20
            for _ in range(210):
                fh.write(block)
    return out.getvalue()


PDF_BAD_XREF = PDF.replace(b"startxref\n", b"startxref\n99")
PDF_CYCLE = PDF.replace(b"/Kids [4 0 R]", b"/Kids [4 0 R 2 0 R]").replace(b"/Count 1",
                                                                          b"/Count 2")
MAIL = (f"From: Daily Example <news@example.com>\r\nSubject: {HEADLINE}\r\nContent-Type: "
        f"multipart/alternative; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/plain\r\n\r\n"
        f"{LEAD}\r\n\r\n{SECOND}\r\n--XX--\r\n").encode()


@pytest.mark.parametrize(
    ("name", "content", "error", "says"),
    [
        ("cut.html", PAGE[: PAGE.index(SECOND) + 20], None, LEAD),
        ("nobody.html", f"<p>{LEAD}</p><p>{SECOND}<p>{THIRD}", None, LEAD),
        ("tags.html", "<html><body><div><span class=", ArticleUnreadable, "no article text"),
        ("brackets.html", "<" * 100_000, ArticleUnreadable, "no article text"),
        ("deep.html", "<div>" * 100_000 + LEAD, ArticleUnreadable, "no article text"),
        ("cut.docx", DOCX[: len(DOCX) // 2], ArticleUnreadable, "is incomplete or damaged"),
        ("nodoc.docx", zip_with(DOCX, {"word/document.xml": None}), ArticleUnreadable,
         "no word/document.xml"),
        ("crc.docx", flip_in_member(DOCX, "word/document.xml"), ArticleUnreadable,
         "damaged"),
        ("badxml.docx", zip_with(DOCX, {"word/document.xml": b"<w:document><w:body"}),
         ArticleUnreadable, "seems damaged: it cannot be read as .docx"),
        ("bomb.docx", _docx_bomb(), ArticleUnreadable, "unpacks to more than 200 MB"),
        ("cut.pdf", PDF[: len(PDF) // 2], ArticleUnreadable, "damaged"),
        ("xref.pdf", PDF_BAD_XREF, None, LEAD),  # viewers rebuild a broken xref: so do we
        ("cycle.pdf", PDF_CYCLE, ArticleUnreadable, "damaged"),
        ("header.pdf", PDF[20:], ArticleUnreadable, "not a PDF"),
        ("cut.rtf", rb"{\rtf1\ansi{\fonttbl{\f0 Times;}}Hello {\b world. \'e", None,
         "Hello world."),
        ("open.rtf", rb"{\rtf1{\fonttbl{\f0 Times;" + rb"\f1 x" * 20_000, ArticleEmpty,
         "holds no text"),
        ("surrogate.rtf", rb"{\rtf1\ansi Half \u-10240? a character.\par}", None,
         "Half \ufffd a character."),
        ("cut.json", '{"title": "x", "text": "unterminated', ArticleUnreadable,
         "not valid JSON"),
        ("deep.json", "[" * 100_000, ArticleUnreadable, "nested too deeply"),
        ("digits.json", '{"text": "a", "n": ' + "1" * 5000 + "}", ArticleUnreadable,
         "number thousands of digits long"),
        ("number.json", '{"text": 5}', ArticleUnreadable, '"text" field'),
        ("cut.eml", MAIL[: MAIL.index(SECOND.encode())], None, LEAD),
        ("bare.eml", b"From: x\r\nContent-Type: multipart/mixed; boundary=Q\r\n\r\n--Q--",
         ArticleUnreadable, "holds no text or HTML part"),
        ("noise.eml", random.Random(5).randbytes(3000), ArticleUnreadable, "binary"),
        ("charset.eml", b'Subject: x\r\nContent-Type: text/plain; charset="utf\x00-8"\r\n\r\n'
         + LEAD.encode(), None, LEAD),
        ("header.mht", b"Content-Type: multipart/related; boundary=X\r\n\r\n--X\r\n"
         b"Content-Type: text/html; x=" + b"a; " * 40_000 + b"\r\n\r\n<p>hi</p>\r\n--X--",
         ArticleUnreadable, "headers are far longer than a web archive's"),
        ("cut.mht", b"Content-Type: multipart/related; boundary=X\r\n\r\n--X\r\n"
         b"Content-Type: text/html\r\n\r\n<p>hi", ArticleUnreadable, "no article text"),
    ],
)
def test_malformed_documents(tmp_path: Path, name: str, content: bytes | str,
                             error: type[ArticleError] | None, says: str) -> None:
    path = write(tmp_path, name, content)
    if error is None:
        text = " ".join(p.text for p in load_article(path).paragraphs)
        assert says in text
        return
    with pytest.raises(error) as info:
        load_article(path)
    assert_one_clear_sentence(info.value, path, says)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ArticleNotFound) as info:
        load_article(tmp_path / "gone.docx")
    assert_one_clear_sentence(info.value, tmp_path / "gone.docx", "no longer exists")
