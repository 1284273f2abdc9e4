"""Files, environment variables, time and the seedable random generator."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from vais.runtime import clock, env, fs, rng
from vais.runtime.panic import VaisPanic
from vais.runtime.values import Duration, Err, Ok, Some


def test_file_round_trip(tmp_path: Path):
    path = str(tmp_path / "notes.txt")
    f = fs.file_create(path).value
    assert fs.file_write_str(f, "one\n") == Ok(None)
    assert fs.file_write_line(f, "twö") == Ok(None)
    fs.file_close(f)
    r = fs.file_open(path).value
    assert fs.file_lines(r) == Ok(["one", "twö"])
    assert fs.file_path(r) == path
    a = fs.file_open_append(path).value
    fs.file_write_str(a, "three")
    fs.file_flush(a)
    assert fs.fn_read_file(path) == Ok("one\ntwö\nthree")
    assert fs.fn_read_lines(path) == Ok(["one", "twö", "three"])
    assert fs.fn_file_size(path) == Ok(len("one\ntwö\nthree".encode()))


def test_errors_name_the_path_and_reason(tmp_path: Path):
    missing = str(tmp_path / "missing.txt")
    err = fs.file_open(missing)
    assert isinstance(err, Err)
    assert err.value.kind == "NotFound"
    assert err.value.message == f"cannot open '{missing}': No such file or directory"
    assert fs.fn_read_file(str(tmp_path)).value.kind == "IsADirectory"
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    assert fs.fn_read_file(str(bad)).value.kind == "InvalidData"
    reader = fs.file_open(str(bad)).value
    assert fs.file_write_str(reader, "x").value.kind == "Io"
    assert fs.fn_remove_file(missing).value.kind == "NotFound"


def test_whole_file_helpers(tmp_path: Path):
    path = str(tmp_path / "data.txt")
    assert fs.fn_write_file(path, "v1") == Ok(None)
    os.chmod(path, 0o600)
    assert fs.fn_write_file(path, "v2") == Ok(None)
    assert fs.fn_read_file(path) == Ok("v2")
    assert os.stat(path).st_mode & 0o777 == 0o600  # atomic replace keeps the permissions
    assert [p.name for p in tmp_path.iterdir()] == ["data.txt"]  # no temporary file left behind
    assert fs.fn_append_file(path, "!") == Ok(None) and fs.fn_read_file(path) == Ok("v2!")
    assert fs.fn_exists(path) and fs.fn_is_file(path) and not fs.fn_is_dir(path)
    sub = str(tmp_path / "a" / "b")
    assert fs.fn_create_dir_all(sub) == Ok(None)
    assert fs.fn_create_dir(sub).value.kind == "AlreadyExists"
    assert fs.fn_rename(path, str(tmp_path / "a" / "moved.txt")) == Ok(None)
    assert fs.fn_read_dir(str(tmp_path / "a")) == Ok(["b", "moved.txt"])
    assert fs.fn_remove_dir(sub) == Ok(None)
    assert fs.fn_remove_file(str(tmp_path / "a" / "moved.txt")) == Ok(None)
    assert fs.fn_write_file(str(tmp_path / "nodir" / "x"), "").value.kind == "NotFound"


def test_env_vars(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.delenv("VAIS_TEST_VAR", raising=False)
    assert env.fn_env_var("VAIS_TEST_VAR") is None
    env.fn_set_env_var("VAIS_TEST_VAR", "1")
    assert env.fn_env_var("VAIS_TEST_VAR") == Some("1")
    assert ("VAIS_TEST_VAR", "1") in env.fn_env_vars()
    env.fn_remove_env_var("VAIS_TEST_VAR")
    assert env.fn_env_var("VAIS_TEST_VAR") is None
    monkeypatch.chdir(tmp_path)
    assert env.fn_current_dir() == Ok(str(tmp_path))
    assert env.fn_set_current_dir(str(tmp_path / "nope")).value.kind == "NotFound"


def test_instant_duration_and_sleep():
    start = clock.instant_now()
    clock.fn_sleep(clock.duration_from_millis(20))
    elapsed = clock.instant_elapsed(start)
    assert clock.duration_as_millis(elapsed) >= 20
    later = clock.instant_now()
    assert clock.instant_duration_since(start, later) == Duration(0)
    assert (later - start).nanos > 0 and start < later
    d = clock.duration_new(1, 500_000_000)
    assert (clock.duration_as_secs(d), clock.duration_subsec_millis(d), clock.duration_as_secs_f64(d)) == (1, 500, 1.5)
    assert clock.duration_from_secs_f64(0.25) == clock.duration_from_millis(250)
    assert clock.duration_checked_sub(Duration(1), Duration(2)) is None
    assert clock.duration_saturating_sub(Duration(1), Duration(2)) == Duration(0)
    assert clock.duration_mul_f64(Duration(10), 1.5) == Duration(15)
    assert clock.duration_is_zero(clock.duration_zero())
    assert abs(clock.fn_unix_time() - time.time()) < 5
    with pytest.raises(VaisPanic):
        clock.duration_from_secs(-1)


def test_rng_is_deterministic_and_documented():
    a, b = rng.rng_seeded(42), rng.rng_seeded(42)
    seq = [rng.rng_next_u64(a) for _ in range(5)]
    assert seq == [rng.rng_next_u64(b) for _ in range(5)]
    # published reference values: splitmix64 from 0, and xoshiro256** from the state [1, 2, 3, 4]
    assert rng._splitmix64(0)[1] == 0xE220A8397B1DCDAF
    ref = rng.rng_seeded(0)
    ref.s0, ref.s1, ref.s2, ref.s3 = 1, 2, 3, 4
    assert [rng.rng_next_u64(ref) for _ in range(3)] == [11520, 0, 1509978240]
    r = rng.rng_seeded(7)
    values = [rng.rng_range(r, 1, 7) for _ in range(2000)]
    assert set(values) == {1, 2, 3, 4, 5, 6}
    assert all(0.0 <= rng.rng_next_f64(r) < 1.0 for _ in range(1000))
    v = list(range(10))
    rng.rng_shuffle(r, v)
    assert sorted(v) == list(range(10)) and v != list(range(10))
    assert rng.rng_choose(r, []) is None
    assert -(2 ** 63) <= rng.rng_next_i64(r) < 2 ** 63
    with pytest.raises(VaisPanic, match="empty range"):
        rng.rng_range(r, 5, 5)
    assert 0 <= rng.fn_random_range(0, 3) < 3 and 0 <= rng.fn_random_f64() < 1
