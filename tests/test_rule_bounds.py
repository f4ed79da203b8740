"""Rules whose work could grow faster than their input stay bounded: mojibake is linear and
reports one finding per mis-decoded run."""
import signal
from contextlib import contextmanager

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, the decoding ftfy models)
import pytest

from rules.artifacts import mojibake
from validator.fields import FieldMapping
from validator.record import Provenance, Record

RUSSIAN = ("Министр иностранных дел заявил в воскресенье, что переговоры возобновятся на следующей неделе "
           "в Багдаде. Чиновники сообщили журналистам, что силы ополчения продвинулись к Рамади. ")


def misdecoded(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def record(body: str) -> Record:
    raw = {"body": body}
    return Record(raw, FieldMapping().resolve(raw), Provenance("t", 1))


@contextmanager
def at_most(seconds: float):
    """Fails the test when the block runs longer (a generous bound: the code it guards was
    quadratic, and would otherwise hold the suite for minutes)."""
    def expired(signum, frame):
        raise AssertionError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_double_encoded_russian_paragraph_gives_one_finding_per_run():
    copies = (4, 3, 4)
    separator = "\n\nThe agency's English summary follows.\n\n"
    body = separator.join(misdecoded(RUSSIAN * count) for count in copies)
    assert len(body) > 2_000
    problems = list(mojibake.Mojibake().check(record(body)))
    assert len(problems) == 3
    start = 0
    for problem, count in zip(problems, copies):
        run = misdecoded(RUSSIAN * count)
        assert problem.span == (start, start + len(run.rstrip()))
        assert problem.suggestion == (RUSSIAN * count).rstrip()
        start += len(run) + len(separator)


ADVERSARIAL = {
    "repeated 'Ã©Ã©-'": lambda n: ("Ã©Ã©-" * n)[:n],
    "no spaces at all": lambda n: (misdecoded(RUSSIAN).replace(" ", "") * n)[:n],
    "one huge mis-decoded run": lambda n: (misdecoded(RUSSIAN) * n)[:n],
    "damage alternating with clean words": lambda n: ("Ã© word " * n)[:n],
}


@pytest.mark.parametrize("shape", ADVERSARIAL)
def test_mojibake_is_fast_and_has_one_finding_per_run_on_adversarial_text(shape):
    for length, seconds in ((8_000, 0.5), (200_000, 5.0)):  # measured: about 10 ms and 0.5 s
        text = ADVERSARIAL[shape](length)
        with at_most(seconds):
            problems = list(mojibake.Mojibake().check(record(text)))
        spans = [p.span for p in problems]
        assert problems and len(set(spans)) == len(spans) and spans == sorted(spans)
        assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:]))  # no overlap
        if shape != "damage alternating with clean words":
            assert spans == [(0, len(text.rstrip()))]


def test_a_field_with_more_runs_than_the_cap_reports_the_rest_as_one():
    text = "Ã© word " * (mojibake.RUNS_ONE_BY_ONE + 50)
    problems = list(mojibake.Mojibake().check(record(text)))
    assert len(problems) == mojibake.RUNS_ONE_BY_ONE + 1
    assert [p.span for p in problems[:3]] == [(0, 2), (8, 10), (16, 18)]
    assert problems[-1].span == (8 * mojibake.RUNS_ONE_BY_ONE, len(text) - 6)
    assert problems[-1].suggestion == ftfy.fix_text(text[8 * mojibake.RUNS_ONE_BY_ONE:len(text) - 6])
    assert "50 runs" in problems[-1].message


def test_a_long_run_is_quoted_short_in_the_message():
    (problem,) = mojibake.Mojibake().check(record(misdecoded(RUSSIAN * 20)))
    assert len(problem.message) < 200 and problem.span[1] > 3_000
