"""Dataset-rule states kept in spilled columns read back what plain lists would hold, however
they were cut into parts, merged, pickled or spilled; and they do not hold their records in
memory."""
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from validator import states
from validator.record import Place, Provenance

SMALL_TAIL = 64  # bytes kept in memory per column, so that a few records reach the file


@pytest.fixture(autouse=True)
def small_tail(monkeypatch):
    monkeypatch.setattr(states, "TAIL", SMALL_TAIL)


def texts_of(values: list[str]) -> states.Texts:
    texts = states.Texts()
    for value in values:
        texts.append(value)
    return texts


def places_of(entries: list[tuple[str, int, str, str]]) -> states.Places:
    places = states.Places()
    for path, line, identity, field in entries:
        places.add(Place(Provenance(path, line or None), identity, field))
    return places


words = st.lists(st.text(alphabet="ab é€😀\n\udc80", max_size=40), max_size=60)


@settings(max_examples=60, deadline=None)
@given(words, st.lists(st.integers(0, 60), max_size=4), st.booleans())
def test_texts_merged_in_parts_read_back_every_string(values, cuts, through_pickle):
    bounds = sorted({min(cut, len(values)) for cut in cuts} | {0, len(values)})
    parts = [texts_of(values[low:high]) for low, high in zip(bounds, bounds[1:])] or [states.Texts()]
    if through_pickle:
        parts = [pickle.loads(pickle.dumps(part)) for part in parts]
    whole = parts[0]
    for part in parts[1:]:
        whole.extend(part)
    assert [whole[i] for i in range(len(whole))] == values


entries = st.lists(st.tuples(st.sampled_from(["a.jsonl", "b.csv", "<stdin>"]), st.integers(0, 2 ** 40),
                             st.text(max_size=12), st.sampled_from(["body", "text", "content"])), max_size=50)


@settings(max_examples=60, deadline=None)
@given(entries, st.integers(0, 50), st.booleans())
def test_places_merged_read_back_every_place(values, cut, through_pickle):
    first, second = places_of(values[:cut]), places_of(values[cut:])
    if through_pickle:
        second = pickle.loads(pickle.dumps(second))
    first.extend(second)
    assert [(place.at.path, place.at.line or 0, place.record, place.field) for place in
            (first[i] for i in range(len(first)))] == [(p, line, i, f) for p, line, i, f in values]


def test_a_column_reads_signed_values_and_refuses_an_index_past_its_end():
    column = states.Column("q")
    for value in range(-100, 100):
        column.append(value * 10 ** 12)
    assert column[0] == -100 * 10 ** 12 and column[-1] == 99 * 10 ** 12 and len(column.values()) == 200
    with pytest.raises(IndexError):
        column[200]


def test_spilled_bytes_go_to_the_file_and_leave_memory():
    spilled = states.Spilled()
    for _ in range(1000):
        spilled.append(b"x" * 100)
    assert len(spilled) == 100_000 and len(spilled.tail) < SMALL_TAIL and spilled.extents
    assert spilled.read(99_950, 100_000) == b"x" * 50


def test_a_spilled_column_is_read_across_its_extents_and_its_tail():
    spilled = states.Spilled()
    for number in range(40):
        spilled.append(bytes([number]) * 7)
    assert spilled.read(3, 7 * 39 + 2) == b"".join(bytes([n]) * 7 for n in range(40))[3:7 * 39 + 2]


def test_a_full_temporary_folder_is_a_spill_error(monkeypatch, tmp_path):
    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(states, "_current_arena", lambda: None)
    monkeypatch.setattr(states.os, "pwrite", full)
    spilled = states.Spilled()
    with pytest.raises(states.SpillError, match="No space left on device"):
        for _ in range(10):
            spilled.append(b"z" * 32)


def test_threads_spilling_at_once_keep_their_own_bytes():
    from concurrent.futures import ThreadPoolExecutor

    def fill(byte: int) -> states.Spilled:
        spilled = states.Spilled()
        for _ in range(2000):
            spilled.append(bytes([byte]) * 33)
        return spilled

    with ThreadPoolExecutor(4) as pool:
        filled = list(pool.map(fill, range(8)))
    assert all(spilled.read(0, len(spilled)) == bytes([byte]) * 66_000 for byte, spilled in enumerate(filled))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["Kim Jong Un", "Kim Jong-un", "Nellie Bly", "é", ""]), max_size=40),
       st.lists(st.integers(0, 40), max_size=3))
def test_tallies_merged_in_parts_count_as_one_pass_would(keys, cuts):
    def tally_of(part: list[tuple[int, str]]) -> states.Tally:
        tally = states.Tally()
        for number, key in part:
            tally.count(key, Place(Provenance("in.jsonl", number), f"r{number}", "body"), key * 2, (number, number + 1))
        return tally

    numbered = list(enumerate(keys, 1))
    bounds = sorted({min(cut, len(keys)) for cut in cuts} | {0, len(keys)})
    parts = [tally_of(numbered[low:high]) for low, high in zip(bounds, bounds[1:])] or [states.Tally()]
    whole = parts[0]
    for part in parts[1:]:
        whole.merge(pickle.loads(pickle.dumps(part)))
    expected = {}
    for number, key in numbered:
        expected.setdefault(key, [0, number])[0] += 1
    assert list(whole.first) == list(expected)
    for key, index in whole.first.items():
        count, first = expected[key]
        place, text, span = whole.place(index)
        assert (whole.counts[index], place.at.line, place.record, text, span) == (count, first, f"r{first}", key * 2,
                                                                       (first, first + 1))


def test_a_temporary_disk_that_fails_ends_the_run_in_one_line(monkeypatch, tmp_path, capsys):
    from conftest import write_jsonl

    from validator.cli import main

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(states, "_current_arena", lambda: None)
    monkeypatch.setattr(states.os, "pwrite", full)
    records = [{"id": f"r{n}", "url": f"https://x.example/{n}", "title": "T", "body": f"Story number {n} of the day."}
               for n in range(200)]
    assert main(["check", str(write_jsonl(tmp_path / "in.jsonl", *records)), "--format", "json"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No space left on device" in err[0] and "Traceback" not in err[0]
