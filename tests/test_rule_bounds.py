"""Rules whose work could grow faster than their input stay bounded: mojibake is linear and
reports one finding per mis-decoded run; near-duplicate caps its LSH buckets, says so, keeps a
compact state, and finds the same however the records were split into parts."""
import pickle
import random
import signal
from contextlib import contextmanager

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, the decoding ftfy models)
import pytest

from rules.artifacts import mojibake
from rules.duplicates import near_duplicate
from validator import states
from validator.config import Settings, build_plan
from validator.engine import Engine
from validator.fields import FieldMapping
from validator.loaders.base import make_record
from validator.record import Provenance, Record
from validator.registry import Registry


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


# near-duplicate

WORDS = ("the minister said on sunday that talks would resume next week in baghdad after the city fell "
         "officials told reporters militia forces advanced toward ramadi while aid agencies warned").split()
STORY = " ".join(random.Random(3).choices(WORDS, k=300))  # enough shingles to fill most bins


def stories(count: int, seed: int = 5) -> list[dict]:
    """Copies of a few stories, each with a word or two changed, some exact repeats, and a few
    bodies of their own, in a shuffled order."""
    rng = random.Random(seed)
    bases = [[rng.choice(WORDS) for _ in range(rng.randint(60, 150))] for _ in range(3)]
    raws = []
    for i in range(count):
        if i % 17 == 0:
            words = [rng.choice(WORDS) for _ in range(80)]
        elif i % 11 == 0 and raws:
            raws.append(dict(raws[-1], id=f"r{i}"))
            continue
        else:
            words = list(rng.choice(bases))
            for _ in range(rng.randint(1, 2)):
                words[rng.randrange(len(words))] = f"w{i}"
        raws.append({"id": f"r{i}", "title": "T", "body": " ".join(words) + "."})
    return raws


def engine() -> Engine:
    return Engine(build_plan(Registry.default(), Settings(select=["near-duplicate"])), FieldMapping())


def in_parts(raws: list[dict], bounds: list[int]):
    """Findings of the records checked in parts cut at `bounds`, merged in input order."""
    run = engine()
    cuts = [0, *bounds, len(raws)]
    parts = [run.check_part(make_record(raw, run.mapping, "in.jsonl", line + 1) for line, raw in
                            zip(range(low, high), raws[low:high])) for low, high in zip(cuts, cuts[1:])]
    return run.finish(parts).findings


def cap_findings(findings) -> list:
    return [f for f in findings if "bucket cap" in f.message]


def test_near_duplicate_findings_do_not_depend_on_the_parts(monkeypatch):
    monkeypatch.setattr(near_duplicate, "BUCKET_CAP", 4)
    raws = stories(400)
    whole = in_parts(raws, [])
    assert cap_findings(whole) and len(whole) > 300
    assert not [f for f in whole if f.rule == "internal-error"]
    for bounds in ([200], [1, 2, 3, 150, 399], list(range(7, 400, 37))):
        assert in_parts(raws, bounds) == whole
    monkeypatch.setattr(states, "TAIL", 1024)  # parts spilled, merged by their extents
    for bounds in ([], [200], list(range(7, 400, 37))):
        assert in_parts(raws, bounds) == whole


def test_a_capped_bucket_is_reported_at_the_first_body_it_left_out(monkeypatch):
    monkeypatch.setattr(near_duplicate, "BUCKET_CAP", 3)
    raws = [{"id": f"r{i}", "title": "T", "body": f"{STORY} copy {i}."} for i in range(1, 9)]
    findings = in_parts(raws, [])
    near = [f for f in findings if f not in cap_findings(findings)]
    assert [(f.record, "as record r1 " in f.message) for f in near] == [(f"r{i}", True) for i in range(2, 9)]
    (cap,) = cap_findings(findings)
    assert (cap.record, cap.line, cap.field) == ("r4", 4, "body")
    assert "story of record r1 (in.jsonl:1)" in cap.message and "at least 4 after it" in cap.message


def test_exact_repeats_do_not_fill_a_bucket(monkeypatch):
    monkeypatch.setattr(near_duplicate, "BUCKET_CAP", 3)
    raws = [{"id": f"r{i}", "title": "T", "body": STORY} for i in range(1, 7)] + [
        {"id": "r7", "title": "T", "body": STORY + " one more line."}]
    findings = in_parts(raws, [])
    assert [(f.record, cap_findings([f]) == []) for f in findings] == [("r7", True)]


def _earliest_similar_plainly(rule, state) -> list[tuple[int, int]]:
    """(record, earlier record) as a plain scan finds them: every earlier record sharing a band
    key is a candidate; the earliest as similar as the threshold, not an exact copy, is named."""
    import numpy as np

    places, signatures, digests = state
    count = len(places)
    signatures = np.frombuffer(signatures.read(0, len(signatures)), dtype="<u2").reshape(count, near_duplicate.PERMUTATIONS)
    digests = np.frombuffer(digests.read(0, len(digests)), dtype="<u8")
    keys = near_duplicate._band_keys(signatures, *near_duplicate._bands(rule.options["threshold"]))
    found = []
    for number in range(count):
        for earlier in range(number):
            if (keys[earlier] == keys[number]).any() and digests[earlier] != digests[number] and \
                    (signatures[earlier] == signatures[number]).mean() >= rule.options["threshold"]:
                found.append((number, earlier))
                break
    return found


@pytest.mark.parametrize("threshold,tail", [(0.5, None), (0.8, None), (0.9, None), (0.8, 2048)])
def test_near_duplicate_names_the_earliest_similar_record_as_a_plain_scan_does(threshold, tail, monkeypatch):
    monkeypatch.setattr(near_duplicate, "BUCKET_CAP", 10 ** 9)  # no bucket overflows
    if tail:  # the signatures read back from the spill file
        monkeypatch.setattr(states, "TAIL", tail)
    rule = near_duplicate.NearDuplicate(threshold=threshold)
    state = rule.start()
    raws = stories(300, seed=11)
    for line, raw in enumerate(raws, 1):
        rule.add(state, make_record(raw, FieldMapping(), "in.jsonl", line))
    numbers = {place.record: number for number, place in enumerate(state[0])}
    found = [(numbers[p.place.record], p.message) for p in rule.finish(state)]
    plain = _earliest_similar_plainly(rule, state)
    assert [number for number, _ in found] == [number for number, _ in plain]
    assert all(f"as record {state[0][earlier].record} " in message for (_, message), (_, earlier) in zip(found, plain))


def test_near_duplicate_state_is_compact():
    rule = near_duplicate.NearDuplicate()
    state = rule.start()
    raws = stories(200)
    for line, raw in enumerate(raws, 1):
        rule.add(state, make_record(raw, FieldMapping(), "in.jsonl", line))
    per_record = len(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)) / len(state[0])
    assert per_record < 600  # a 128-value uint64 signature and its band keys took 1,240 bytes


def test_near_duplicate_finish_is_bounded_on_many_near_identical_bodies():
    rule = near_duplicate.NearDuplicate()
    state = rule.start()
    for i in range(8_000):
        rule.add(state, make_record({"id": f"r{i}", "body": f"{STORY} copy {i}."}, FieldMapping(), "in.jsonl", i + 1))
    with at_most(3.0):  # measured: about 0.2 s; with every earlier body a candidate, about 9 s
        findings = list(rule.finish(state))
    assert len(findings) == 7_999 + len(cap_findings(findings)) and cap_findings(findings)


def _boilerplate_records(seed: int, count: int = 60) -> list[dict]:
    import random

    rng = random.Random(seed)
    chrome = ["Subscribe to the Daily Post for free today", "Share this article on your networks"]
    records = []
    for n in range(count):
        lines = [f"Story line number {n} about the harbour {k}." for k in range(rng.randint(1, 4))]
        lines += [line for line in chrome if rng.random() < 0.6]
        lines += ["A line two stories share, now and then."] if n % 7 == 0 else []
        rng.shuffle(lines)
        records.append({"id": str(n), "title": "T", "source": rng.choice(["a.example", "b.example"]),
                        "body": "\n".join(lines)})
    return records


def _plain_counts(records: list[dict]) -> dict[tuple[str, str], tuple[int, str]]:
    """(source, line) -> (records holding it, the first of them), by a dict of every line."""
    counts: dict = {}
    for record in records:
        for line in dict.fromkeys(record["body"].split("\n")):
            if 12 <= len(line) <= 300:
                entry = counts.setdefault((record["source"], line), [0, record["id"]])
                entry[0] += 1
    return {key: tuple(value) for key, value in counts.items()}


@pytest.mark.parametrize("capacity", [1, 4, 1 << 14])
def test_learned_boilerplate_counts_exactly_whatever_its_filter_says(monkeypatch, capacity):
    """A tiny filter answers "seen" for many new lines and is regrown often; the counts and
    first records stay those of a dict of every line."""
    from rules.artifacts import learned_boilerplate as module

    monkeypatch.setattr(module, "Bloom", lambda capacity_=capacity: states.Bloom(capacity_))
    rule = module.LearnedBoilerplate()
    state = rule.start()
    records = _boilerplate_records(3)
    for line, raw in enumerate(records, 1):
        rule.add(state, make_record(raw, FieldMapping(), "in.jsonl", line))
    state.settle()
    counted = {}
    for key, entry in state.repeats.items():
        place, text, _ = state.seen[state.first[entry]]
        counted[(state.sources[state.source_of[entry]], text)] = (state.counts[entry], place.record)
    plain = _plain_counts(records)
    assert counted == {key: value for key, value in plain.items() if key in counted}
    assert {key for key, (number, _) in plain.items() if number > 1} <= set(counted)


@pytest.mark.parametrize("fold", [1, 2, 3, 7])
@pytest.mark.parametrize("capacity", [2, 1 << 14])
def test_learned_boilerplate_gives_the_same_findings_however_records_are_folded(monkeypatch, fold, capacity):
    """Folds of the engine and parts of a parallel run merge onto a beginning of the input;
    the findings do not depend on where it was cut, or on the filter's false hints."""
    from rules.artifacts import learned_boilerplate as module
    from validator import check
    from validator import engine as engine_module

    records = _boilerplate_records(fold)
    options = {"learned-boilerplate": {"min_share": 0.1}}
    expected = [f.to_dict() for f in check(records, select=["learned-boilerplate"], rules=options)]
    monkeypatch.setattr(module, "Bloom", lambda capacity_=capacity: states.Bloom(capacity_))
    monkeypatch.setattr(engine_module, "FOLD_RECORDS", fold)
    found = [f.to_dict() for f in check(records, select=["learned-boilerplate"], rules=options)]
    assert found == expected
    assert sum("recurs in" in f["message"] for f in found) >= 4  # the two chrome lines of each source


def test_every_report_is_the_same_however_records_are_folded(monkeypatch, capsys):
    from conftest import ROOT

    from validator import engine as engine_module
    from validator.cli import main

    monkeypatch.chdir(ROOT)
    reports = []
    for fold in (5_000, 1, 4):
        monkeypatch.setattr(engine_module, "FOLD_RECORDS", fold)
        main(["check", "samples", "--format", "json"])
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1] == reports[2]


@pytest.mark.parametrize("cut", [1, 2, 3, 4, 5])
def test_learned_boilerplate_does_not_depend_on_parallel_parts(cut):
    """Parts of a parallel run merge onto a beginning of the input: a line first seen in an
    earlier part still counts a later part's records."""
    from validator.config import Settings, build_plan
    from validator.engine import Engine
    from validator.fields import FieldMapping
    from validator.loaders.base import make_record
    from validator.registry import Registry

    bodies = ["Alpha line of chrome text\nbeta unique line one", "gamma unique line two\nAlpha line of chrome text",
              "delta unique line three\nepsilon unique line four", "Alpha line of chrome text\nzeta line five here",
              "Alpha line of chrome text\neta unique line six", "theta unique line seven here"]
    settings = Settings(select=["learned-boilerplate"],
                        rules={"learned-boilerplate": {"min_share": 0.5, "min_records": 2}})
    engine = Engine(build_plan(Registry.default(), settings), FieldMapping())
    records = [make_record({"id": str(n), "source": "s", "body": body}, engine.mapping, "a", n)
               for n, body in enumerate(bodies, 1)]
    whole = [f.to_dict() for f in engine.finish([engine.check_part(records)]).findings]
    split = [f.to_dict() for f in engine.finish([engine.check_part(records[:cut]),
                                                 engine.check_part(records[cut:])]).findings]
    assert split == whole and any("recurs in 4 of 6" in f["message"] for f in whole)
