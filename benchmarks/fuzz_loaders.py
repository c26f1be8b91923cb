"""Fuzz every article loader with random bytes and mutated valid files; report crashes and hangs.

For each suffix Twofold reads (`loader.SUPPORTED_SUFFIXES`), valid seed files are built in a temp
folder, then mutated (bit flips, truncation, chunk duplication and deletion, splices, random
bytes, and for .docx corruption of one zip member) and loaded for a time budget per suffix.
Loads run in one worker process, so a hang in C code (lxml, zlib) is caught by a per-input
watchdog: the worker is killed, the input saved, a new worker started. Any exception other than
`ArticleError` is a crash; its input and traceback are saved to the printed folder.

    .venv/bin/python benchmarks/fuzz_loaders.py --seconds 10
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing as mp
import random
import resource
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(ROOT / "tests" / "engine"))  # the format tests' document builders

from documents import article_pdf, make_docx, make_pdf  # noqa: E402

from twofold.engine.load import SUPPORTED_SUFFIXES  # noqa: E402

LEAD = "The government of Niger said on Saturday that it had ended the military agreement."
SECOND = "A spokesman read the statement on national television on Saturday evening, “late”."
THIRD = "The United States keeps about 1,000 troops at a drone base near Agadez; café owners."
HEADLINE = "Niger ends military pact with US"


# ---- seed files: valid documents of each format ---------------------------------------------

def _text_seeds() -> list[bytes]:
    body = f"{HEADLINE}\n\n{LEAD}\n\n{SECOND}\n{THIRD}\n"
    return [
        body.encode(),
        ("Source: Example Wire\nDate: 2024-03-17\n\n" + body).encode("utf-16"),
        body.encode("cp1252"),
        f"---\ntitle: {HEADLINE}\n---\n# {HEADLINE}\n\n*{LEAD}* [x](http://a)\n\n> {SECOND}\n"
        "\n- one\n- two\n".encode(),
        # furniture lines around the headline and compatibility letters in the body
        (f"{HEADLINE}\n\nBy Jane Reporter | Example News | 19 March 2024\n\nNIAMEY, March 19 "
         f"(Reuters) - oﬃcials ＵＳ coopera\u00adtion ｶﾞｲﾄﾞ 𝐁𝐨𝐥𝐝\n\n{LEAD}\n").encode(),
        ("مرحبا بالعالم. " * 20 + "\n\n日本語のテキストです。" * 20
         + "\n\ne\u0301 👩‍👩‍👧 " * 30).encode(),
    ]


def _html_seeds() -> list[bytes]:
    page = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{HEADLINE}</title>'
            '<meta property="og:site_name" content="Example News">'
            '<meta property="article:published_time" content="2024-03-17T10:00:00Z"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{HEADLINE}</h1><p>{LEAD}</p>"
            f"<p>{SECOND}</p><p>{THIRD}</p></article><footer>Copyright</footer></body></html>")
    return [page.encode(), page.replace("utf-8", "windows-1252").encode("cp1252"),
            f"<p>{LEAD}<p>{SECOND}<div><table><tr><td>{THIRD}".encode()]


def _docx_seeds() -> list[bytes]:
    return [make_docx([(HEADLINE, "Title"), (LEAD, "Normal"), (SECOND, "Normal"),
                       (THIRD, "Normal")], title=HEADLINE)]


def _pdf_seeds() -> list[bytes]:
    plain = SECOND.replace("“", "").replace("”", "")
    first = [(HEADLINE, 20), ("", 11), (LEAD, 11), (plain, 11)]
    second = [("Example News", 9), ("", 11), (THIRD.replace("é", "e"), 11), ("Page 2 of 2", 9)]
    story = [LEAD, plain, THIRD, "Foreign Minister of Niger, Bakary Yaou Sangare, visited "
             "Tehran in October 2023 to explore opportunities for strengthening cooperation."]
    # the page-geometry paths: columns in both drawing orders, ligature glyphs, line-end
    # hyphens, running heads, page numbers, indents and Qt-style off-page copies
    return [make_pdf([first, second]), make_pdf([first], compress=True),
            article_pdf(HEADLINE, story, dateline="19 March 2024", columns=2, interleave=True,
                        lines_per_page=6, page_numbers=True, ligatures=True, hyphenate=True),
            article_pdf(HEADLINE, story, lines_per_page=4, running_head="Example News",
                        indent=True, offpage_copies=True,
                        info="<< /CreationDate (D:20240320120000Z) >>")]


def _rtf_seeds() -> list[bytes]:
    return [rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}{\b Niger ends military pact}\par\par "
            rb"The government said the deal was over, caf\'e9 owners said \u8220?late\u8221?."
            rb"\par{\*\generator x;}\par Second paragraph.\par}"]


def _json_seeds() -> list[bytes]:
    return [json.dumps({"title": HEADLINE, "source": "Example Wire", "date": "2024-03-17",
                        "text": f"{LEAD}\n\n{SECOND}"}).encode(),
            json.dumps({"headline": HEADLINE, "body": [LEAD, SECOND, THIRD]},
                       ensure_ascii=False).encode()]


def _mail_seeds() -> list[bytes]:
    plain = (f"From: Daily Example <news@example.com>\r\nSubject: {HEADLINE}\r\n"
             "Date: Sun, 17 Mar 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8"
             f"\r\n\r\n{LEAD}\r\n\r\n{SECOND}\r\n").encode()
    html = _html_seeds()[0].decode().replace("=", "=3D")
    mht = ("From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example.com/a\r\n"
           f"Subject: {HEADLINE}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; "
           'type="text/html"; boundary="XX"\r\n\r\n--XX\r\nContent-Type: text/html; '
           "charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
           f"{html}\r\n--XX--\r\n").encode()
    return [plain, mht]


SEEDS = {
    ".txt": _text_seeds, ".text": _text_seeds, ".md": _text_seeds, ".markdown": _text_seeds,
    ".html": _html_seeds, ".htm": _html_seeds, ".xhtml": _html_seeds,
    ".docx": _docx_seeds, ".pdf": _pdf_seeds, ".rtf": _rtf_seeds, ".json": _json_seeds,
    ".eml": _mail_seeds, ".mht": _mail_seeds, ".mhtml": _mail_seeds,
}


# ---- mutations ------------------------------------------------------------------------------

def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    """One to four stacked byte-level mutations of `data`."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        kind = rng.randrange(8)
        n = len(out)
        if kind == 0 and n:  # bit flips
            for _ in range(rng.randint(1, 8)):
                out[rng.randrange(n)] ^= 1 << rng.randrange(8)
        elif kind == 1 and n:  # truncation
            del out[rng.randrange(n):]
        elif kind == 2 and n:  # duplicate a chunk, sometimes many times
            i = rng.randrange(n)
            chunk = out[i:i + rng.randint(1, 256)]
            j = rng.randrange(n + 1)
            out[j:j] = chunk * rng.choice((1, 2, 50, 2000))
        elif kind == 3 and n:  # delete a chunk
            i = rng.randrange(n)
            del out[i:i + rng.randint(1, 512)]
        elif kind == 4:  # insert random or interesting bytes
            junk = rng.choice((rng.randbytes(rng.randint(1, 64)), b"\x00" * 16, b"\xff\xfe",
                               b"<<<<", b"{{{{{{{{" * 50, b"\\u55296 ", b"&#xD800;", b"\r\r\n",
                               b"[" * 1000, b"%%EOF", b"endobj", b"\\'ff\\'fe"))
            j = rng.randrange(n + 1)
            out[j:j] = junk
        elif kind == 5 and n:  # overwrite bytes with random values
            for _ in range(rng.randint(1, 16)):
                out[rng.randrange(n)] = rng.randrange(256)
        elif kind == 6 and pool:  # splice with another seed
            other = rng.choice(pool)
            out = out[:rng.randint(0, n)] + other[rng.randint(0, len(other)):]
        elif kind == 7 and out[:4] == b"PK\x03\x04":
            out = bytearray(corrupt_zip_member(bytes(out), rng))
    return bytes(out)


def corrupt_zip_member(data: bytes, rng: random.Random) -> bytes:
    """Rewrite a zip with one member mutated, dropped or made huge in its declared size."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src:
            members = [(info, src.read(info)) for info in src.infolist()]
    except Exception:  # already damaged: raw mutations have their turn
        return data
    if not members:
        return data
    k = rng.randrange(len(members))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for i, (info, content) in enumerate(members):
            if i == k:
                action = rng.randrange(3)
                if action == 0:
                    continue
                if action == 1:
                    content = mutate(content, rng, [])
                else:
                    content = content[: rng.randint(0, len(content))]
            dst.writestr(info.filename, content)
    return out.getvalue()


# ---- the worker: loads one input at a time ---------------------------------------------------

def _worker(conn: Connection, folder: str, memory_mb: int) -> None:
    if memory_mb:  # a load that tries to eat the machine fails as MemoryError: a crash
        limit = memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from twofold.engine.errors import ArticleError
    from twofold.engine.load import load_article

    while True:
        job = conn.recv()
        if job is None:
            return
        suffix, data = job
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        start = time.perf_counter()
        try:
            load_article(path)
            status, detail = "ok", ""
        except ArticleError as err:
            status, detail = "error", str(err)
            if "\n" in detail:
                status, detail = "crash", f"multi-line ArticleError message: {detail!r}"
        except BaseException:  # anything else is what we are looking for
            status, detail = "crash", traceback.format_exc()
        conn.send((status, detail, time.perf_counter() - start))


class Worker:
    """A loader process with a watchdog: a load that overruns its time is killed and reported."""

    def __init__(self, folder: Path, memory_mb: int) -> None:
        self._folder, self._memory = folder, memory_mb
        self._start()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_worker, args=(child, str(self._folder), self._memory),
                                 daemon=True)
        self._proc.start()
        child.close()

    def load(self, suffix: str, data: bytes, timeout: float) -> tuple[str, str, float]:
        """(status, detail, seconds): status is ok, error, crash or hang."""
        self._conn.send((suffix, data))
        if self._conn.poll(timeout):
            try:
                return self._conn.recv()
            except EOFError:  # the worker died (a segfault, an abort)
                self._restart()
                return "crash", "the worker process died", timeout
        self._restart()
        return "hang", f"no result after {timeout:g} s", timeout

    def _restart(self) -> None:
        self._proc.kill()
        self._proc.join()
        self._start()

    def close(self) -> None:
        self._conn.send(None)
        self._proc.join(5)
        if self._proc.is_alive():
            self._proc.kill()


# ---- the campaign ----------------------------------------------------------------------------

@dataclass
class Tally:
    runs: int = 0
    errors: int = 0
    ok: int = 0
    crashes: int = 0
    hangs: int = 0
    slowest: float = 0.0


def fuzz_suffix(suffix: str, worker: Worker, args: argparse.Namespace, rng: random.Random,
                crash_dir: Path) -> Tally:
    """Run mutated and random inputs for one suffix until its time budget is spent."""
    seeds = SEEDS[suffix]()
    pool = [s for make in {*SEEDS.values()} for s in make()]
    tally = Tally()
    deadline = time.monotonic() + args.seconds
    first = list(seeds)  # every seed once, unmutated: they must load
    while time.monotonic() < deadline:
        if first:
            data = first.pop()
        elif rng.random() < 0.1:
            data = rng.randbytes(rng.randint(0, 4096))
        else:
            data = mutate(rng.choice(seeds), rng, pool)
        status, detail, seconds = worker.load(suffix, data, args.timeout)
        tally.runs += 1
        tally.slowest = max(tally.slowest, seconds)
        if status == "ok":
            tally.ok += 1
        elif status == "error":
            tally.errors += 1
        else:
            if status == "crash":
                tally.crashes += 1
            else:
                tally.hangs += 1
            n = tally.crashes + tally.hangs
            stem = f"{suffix.lstrip('.')}-{status}-{n}"
            (crash_dir / f"{stem}{suffix}").write_bytes(data)
            (crash_dir / f"{stem}.txt").write_text(detail)
            if not args.quiet:
                last = detail.strip().splitlines()[-1] if detail.strip() else status
                print(f"  {suffix} {status}: {last[:150]}", flush=True)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="time budget per suffix")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="a single load taking longer than this is a hang")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument("--memory-mb", type=int, default=2048,
                        help="address-space limit of the worker (0: none)")
    parser.add_argument("--only", nargs="*", default=None, help="suffixes to fuzz, e.g. .pdf")
    parser.add_argument("-q", "--quiet", action="store_true", help="no line per crash")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    suffixes = sorted(args.only or SUPPORTED_SUFFIXES)
    crash_dir = Path(tempfile.mkdtemp(prefix="twofold-fuzz-"))
    print(f"seed {seed}; {args.seconds:g} s per suffix; crashes and hangs saved in {crash_dir}",
          flush=True)
    with tempfile.TemporaryDirectory(prefix="twofold-fuzz-work-") as work:
        worker = Worker(Path(work), args.memory_mb)
        worker.load(".txt", b"warm up", 60)  # imports are not the first input's time
        results = {}
        try:
            for suffix in suffixes:
                if not args.quiet:
                    print(f"fuzzing {suffix} ...", flush=True)
                results[suffix] = fuzz_suffix(suffix, worker, args, rng, crash_dir)
        finally:
            worker.close()
    print(f"\n{'suffix':<10}{'inputs':>8}{'ArticleError':>14}{'ok':>7}{'crashes':>9}"
          f"{'hangs':>7}{'slowest s':>11}")
    for suffix, t in results.items():
        print(f"{suffix:<10}{t.runs:>8}{t.errors:>14}{t.ok:>7}{t.crashes:>9}{t.hangs:>7}"
              f"{t.slowest:>11.3f}")
    bad = sum(t.crashes + t.hangs for t in results.values())
    print(f"\n{bad} crashes/hangs" + (f"; inputs in {crash_dir}" if bad else ""))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
