"""Modules and names: `U` imports of project modules, std modules and dependencies, visibility,
qualified paths, import cycles, shadowing, constants and globals."""

from __future__ import annotations

from pathlib import Path

from sema_helpers import clean, codes, errors, only_error, src, warnings, write_tree

from vais.sema import analyse
from vais.sema import codes as c

MYMOD = """
P S Point { x: i64, y: i64 }
P E Shape { Circle(f64), Square(f64) }
P F double(x: i64) -> i64 = x * 2
P const LIMIT: i64 = 10
F secret() -> i64 = 42
P F uses_secret() -> i64 = secret() + 1
X Point { P F new(x: i64, y: i64) -> Point = Point { x, y } }
"""


def project(tmp_path: Path, main: str, **modules: str) -> list:
    """Write main.vais plus `modules` (name -> source) and analyse main; returns the diagnostics."""
    files = {"main.vais": main} | {f"{name.replace('__', '/')}.vais": text for name, text in modules.items()}
    write_tree(tmp_path, files)
    return analyse(tmp_path / "main.vais").diagnostics


def errs(diags: list) -> list[tuple[str, str, int]]:
    return [(d.code, Path(d.span.file).name, d.span.line) for d in diags if d.is_error]


def test_import_module_items_unqualified_and_qualified(tmp_path: Path) -> None:
    diags = project(tmp_path, """
        U mymod
        F main() {
            p := mymod::Point { x: 1, y: 2 }
            q := Point::new(3, 4)
            s := mymod::Circle(1.0)
            t := Square(2.0)
            println("{double(p.x)} {mymod::double(q.y)} {LIMIT} {mymod::LIMIT} {s} {t} {uses_secret()}")
        }
    """, mymod=MYMOD)
    assert errs(diags) == []


def test_private_function_is_not_imported(tmp_path: Path) -> None:
    diags = project(tmp_path, """
        U mymod
        F main() {
            println("{secret()}")
            println("{mymod::secret()}")
        }
    """, mymod=MYMOD)
    assert errs(diags) == [(c.UNKNOWN_NAME, "main.vais", 3), (c.PRIVATE_ITEM, "main.vais", 4)]
    hidden = next(d for d in diags if d.code == c.UNKNOWN_NAME)
    assert hidden.help == f"`mymod` has a `secret`, but it is private: mark it `P` (pub) in {tmp_path / 'mymod.vais'}"
    private = next(d for d in diags if d.code == c.PRIVATE_ITEM)
    assert "`secret` is private to module `mymod`" in private.message
    assert private.help is not None and "P" in private.help


def test_private_types_and_traits_are_not_reachable_through_paths(tmp_path: Path) -> None:
    lib = "S Hidden { v: i64 }\nE Mode { On, Off }\nT Alias = i64\nW Secret { F s(&self) -> i64 }\nP S Open { P v: i64 }\n"
    diags = project(tmp_path, """
        U lib
        S Mine { n: i64 }
        X Mine: lib::Secret { F s(&self) -> i64 = self.n }
        F take(h: lib::Hidden) -> i64 = h.v
        F main() {
            _m := lib::Mode::On
            a: lib::Alias = 5
            o := lib::Open { v: 2 }
            println("{take(lib::Hidden { v: 1 })} {a} {o.v}")
        }
    """, lib=lib)
    assert errs(diags) == [(c.PRIVATE_ITEM, "main.vais", line) for line in (3, 4, 6, 7, 9)]
    assert all(d.message.endswith("is private to module `lib`") for d in diags if d.is_error)


def test_importing_a_private_name_explicitly_is_an_error(tmp_path: Path) -> None:
    diags = project(tmp_path, "U mymod.{double, secret}\nF main() { println(\"{double(1)}\") }\n", mymod=MYMOD)
    assert errs(diags) == [(c.PRIVATE_ITEM, "main.vais", 1)]
    (d,) = [d for d in diags if d.is_error]
    assert (d.span.col, d.span.end_col) == (18, 24)  # the name `secret`, not the whole `U` line


def test_import_selected_names_only(tmp_path: Path) -> None:
    diags = project(tmp_path, """
        U mymod.{double}
        F main() {
            println("{double(2)}")
            p := Point { x: 1, y: 2 }
        }
    """, mymod=MYMOD)
    assert errs(diags) == [(c.UNKNOWN_TYPE, "main.vais", 4)]


def test_import_unknown_name_from_module(tmp_path: Path) -> None:
    diags = project(tmp_path, "U mymod.{dubble}\nF main() {}\n", mymod=MYMOD)
    [d] = [d for d in diags if d.is_error]
    assert d.code == c.UNKNOWN_NAME and d.span.line == 1
    assert d.help == "a similar name exists: `double`"


def test_nested_module_path(tmp_path: Path) -> None:
    diags = project(tmp_path, """
        U util/strings
        U util::nums.{inc}
        F main() { println("{strings::shout("a")} {shout("b")} {inc(1)}") }
    """, util__strings='P F shout(s: Str) -> Str = s.to_upper() + "!"\n', util__nums="P F inc(x: i64) -> i64 = x + 1\n")
    assert errs(diags) == []


def test_module_directory_with_mod_file(tmp_path: Path) -> None:
    diags = project(tmp_path, "U shapes\nF main() { println(\"{shapes::area(2.0)}\") }\n",
                    shapes__mod="P F area(r: f64) -> f64 = 3.0 * r * r\n")
    assert errs(diags) == []


def test_unknown_module_is_reported_once_without_unused_import_warning(tmp_path: Path) -> None:
    diags = project(tmp_path, "U mymdo\nF main() {}\n", mymod=MYMOD)
    assert [(d.code, d.span.line) for d in diags] == [(c.UNKNOWN_MODULE, 1)]
    assert diags[0].help == "a similar name exists: `mymod`"


def test_unknown_std_module(tmp_path: Path) -> None:
    d = only_error("U std/maths\nF main() {}\n")
    assert d.code == c.UNKNOWN_MODULE and "std/maths" in d.message
    assert d.help == "a similar name exists: `math`"


def test_import_cycle_names_the_cycle(tmp_path: Path) -> None:
    diags = project(tmp_path, "U a\nF main() { println(\"{a::fa()}\") }\n",
                    a="U b\nP F fa() -> i64 = b::fb()\n",
                    b="U a\nP F fb() -> i64 = 1\nP F fc() -> i64 = a::fa()\n")
    assert errs(diags) == [(c.IMPORT_CYCLE, "main.vais", 1)]
    cycle = next(d for d in diags if d.is_error)
    assert cycle.message == "import cycle: a → b → a"


def test_three_module_import_cycle(tmp_path: Path) -> None:
    diags = project(tmp_path, "U a\nF main() {}\n", a="U b\nP F f() {}\n", b="U c\nP F g() {}\n",
                    c="U a\nP F h() {}\n")
    cycles = [d for d in diags if d.code == c.IMPORT_CYCLE]
    assert len(cycles) == 1 and cycles[0].message == "import cycle: a → b → c → a"


def test_self_import_is_a_cycle(tmp_path: Path) -> None:
    diags = project(tmp_path, "U a\nF main() {}\n", a="U a\nP F f() {}\n")
    assert errs(diags) == [(c.IMPORT_CYCLE, "main.vais", 1)]


def test_diamond_imports_are_not_a_cycle(tmp_path: Path) -> None:
    diags = project(tmp_path, "U a\nU b\nF main() { println(\"{a::f()} {b::g()}\") }\n",
                    a="U base\nP F f() -> i64 = base::k()\n", b="U base\nP F g() -> i64 = base::k()\n",
                    base="P F k() -> i64 = 1\n")
    assert errs(diags) == []


def test_source_root_resolves_imports_from_nested_modules(tmp_path: Path) -> None:
    write_tree(tmp_path, {"src/main.vais": "U net/http\nF main() { println(http::get()) }\n",
                          "src/net/http.vais": "U util\nP F get() -> Str = util::tag()\n",
                          "src/util.vais": "P F tag() -> Str = \"ok\"\n"})
    result = analyse(tmp_path / "src/main.vais", source_root=tmp_path / "src")
    assert [d for d in result.diagnostics if d.is_error] == []


def test_dependency_roots(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app/src/main.vais": "U fancy\nU fancy/extra.{bonus}\n"
                                               "F main() { println(\"{fancy::answer()} {bonus()}\") }\n",
                          "deps/fancy/src/lib.vais": "P F answer() -> i64 = 42\n",
                          "deps/fancy/src/extra.vais": "P F bonus() -> i64 = 1\n"})
    result = analyse(tmp_path / "app/src/main.vais", source_root=tmp_path / "app/src",
                     dependency_roots={"fancy": tmp_path / "deps/fancy/src"})
    assert [d for d in result.diagnostics if d.is_error] == []


def test_unknown_module_of_a_dependency(tmp_path: Path) -> None:
    write_tree(tmp_path, {"main.vais": "U fancy/nope\nF main() {}\n", "fancy/lib.vais": "P F a() {}\n"})
    result = analyse(tmp_path / "main.vais", dependency_roots={"fancy": tmp_path / "fancy"})
    assert [(d.code, d.span.line) for d in result.diagnostics if d.is_error] == [(c.UNKNOWN_MODULE, 1)]


def test_std_imports() -> None:
    clean("""
        U std/math
        U std/collections.{HashMap, HashSet}
        F main() {
            m: HashMap<Str, i64> = HashMap::new()
            s: HashSet<i64> = HashSet::new()
            println("{PI} {math::floor(2.5)} {m.len()} {s.len()}")
        }
    """)


def test_std_import_with_double_colon() -> None:
    clean("U std::math\nF main() { println(\"{math::PI}\") }\n")


def test_unused_import_warning(tmp_path: Path) -> None:
    diags = project(tmp_path, "U mymod\nF main() {}\n", mymod=MYMOD)
    assert [(d.code, d.span.line) for d in diags] == [(c.UNUSED_IMPORT, 1)]
    assert not diags[0].is_error


def test_reexport_with_pub_use(tmp_path: Path) -> None:
    diags = project(tmp_path, "U facade.{double}\nF main() { println(\"{double(2)}\") }\n",
                    facade="P U mymod.{double}\n", mymod=MYMOD)
    assert errs(diags) == []


def test_module_items_may_be_declared_in_any_order() -> None:
    clean("""
        F main() { println("{later(1)} {Late { v: 1 }.v} {LATE}") }
        F later(x: i64) -> i64 = x + LATE
        S Late { v: i64 }
        const LATE: i64 = 3
    """)


def test_shadowing_a_binding_with_another_type() -> None:
    clean("""
        F main() {
            x := 1
            x := "now a string"
            println(x)
        }
    """)


def test_inner_block_binding_does_not_leak() -> None:
    assert codes("""
        F main() {
            I true { inner := 1; println("{inner}") }
            println("{inner}")
        }
    """) == [(c.UNKNOWN_NAME, 3)]


def test_local_shadows_function() -> None:
    clean("""
        F double(x: i64) -> i64 = x * 2
        F main() {
            double := |x: i64| x * 3
            println("{double(2)}")
        }
    """)


def test_constants_and_globals() -> None:
    clean("""
        const MAX: i64 = 1024
        C NAME: Str = "vais"
        G COUNTER: i64 = 0
        F bump() { COUNTER += 1 }
        F main() {
            bump()
            println("{MAX} {NAME} {COUNTER}")
        }
    """)


def test_constant_type_is_inferred_without_annotation() -> None:
    result = clean("const K = 3\nF main() { x: i64 = K; println(\"{x}\") }\n")
    const = result.program.entry.consts[0]
    assert str(const.ty) == "i64"


def test_constant_with_wrong_type() -> None:
    assert codes('const MAX: i64 = "big"\nF main() {}\n') == [(c.MISMATCH, 1)]


def test_type_qualified_associated_function_and_variant() -> None:
    clean("""
        E Dir { North, South }
        X Dir { F flip(&self) -> Dir = M self { North => South, South => North } }
        S Pt { x: i64 }
        X Pt { F origin() -> Pt = Pt { x: 0 } }
        F main() {
            d := Dir::North
            e := d.flip()
            p := Pt::origin()
            q := Pt.origin()
            println("{e} {p.x} {q.x}")
        }
    """)


def test_unknown_associated_function_suggests() -> None:
    d = only_error("""
        S Pt { x: i64 }
        X Pt { F origin() -> Pt = Pt { x: 0 } }
        F main() { p := Pt::orign() }
    """)
    assert d.code == c.UNKNOWN_METHOD and d.span.line == 3
    assert d.help == "a similar name exists: `origin`"


def test_unknown_variant_suggests() -> None:
    d = only_error("""
        E Dir { North, South }
        F main() { d := Dir::Nort }
    """)
    assert d.code == c.UNKNOWN_NAME
    assert d.help == "a similar name exists: `North`"


def test_variants_with_the_same_name_in_two_enums_need_qualification() -> None:
    clean("""
        E Light { On, Off }
        E Switch { On, Off }
        F main() {
            a := Light::On
            b: Switch = Switch::Off
            println("{a} {b}")
        }
    """)


def test_shared_variant_names_resolve_by_expected_type() -> None:
    clean("""
        E Light { On, Off }
        E Switch { On, Off, Broken(i64) }
        F f(s: Switch) -> i64 = M s { On => 1, Off => 2, Broken(n) => n }
        F g(l: &Light) -> i64 = M l { On => 1, Off => 2 }
        F main() {
            a: Switch = On
            d := [Light::On, Off]
            println("{a} {d} {f(Off)} {g(&On)}")
        }
    """)
    d = only_error("E Light { On, Off }\nE Switch { On, Off }\nF main() { b := On\n println(\"{b}\") }\n")
    assert (d.code, d.span.line) == (c.UNKNOWN_NAME, 3)
    assert d.message == "`On` is ambiguous: it may be `Light::On` or `Switch::On`"
    assert d.help == "qualify it: `Light::On`"


def test_user_variant_shadows_the_prelude_variant() -> None:
    clean("E Maybe { Some(i64), Nothing }\nF main() { m := Some(1)\n M m { Some(v) => println(\"{v}\"), Nothing => {} } }\n")


def test_unused_variable_warning_and_underscore() -> None:
    ws = warnings("""
        F main() {
            unused := 1
            _quiet := 2
        }
    """)
    assert [(w.code, w.span.line) for w in ws] == [(c.UNUSED_VARIABLE, 2)]
    assert ws[0].help == "if this is intentional, prefix it with an underscore: `_unused`"


def test_module_file_name_in_diagnostics(tmp_path: Path) -> None:
    diags = project(tmp_path, "U bad\nF main() { println(\"{bad::f()}\") }\n", bad='P F f() -> i64 = "x"\n')
    assert errs(diags) == [(c.RETURN_MISMATCH, "bad.vais", 1)]


def test_items_of_a_module_do_not_see_the_importers_items(tmp_path: Path) -> None:
    diags = project(tmp_path, "U lib\nF helper() -> i64 = 1\nF main() { println(\"{lib::f()}\") }\n",
                    lib="P F f() -> i64 = helper()\n")
    assert errs(diags) == [(c.UNKNOWN_NAME, "lib.vais", 1)]


def test_errors_in_two_files_are_both_reported(tmp_path: Path) -> None:
    diags = project(tmp_path, "U lib\nF main() { x: i64 = lib::f() + true }\n", lib="P F f() -> i64 = nope\n")
    assert sorted(errs(diags)) == sorted([(c.UNKNOWN_NAME, "lib.vais", 1), (c.MISMATCH, "main.vais", 2)])


def test_src_helper_strips_leading_newline() -> None:
    assert src("\n    a\n    b\n") == "a\nb\n"
    assert errors("F main() {}\n") == []


def test_constants_may_use_later_constants() -> None:
    result = clean("const TOTAL = PART * 2\nconst PART = 21\nF main() { x: i64 = TOTAL\n println(\"{x}\") }\n")
    assert [str(k.ty) for k in result.program.entry.consts] == ["i64", "i64"]
    assert codes("const TOTAL = PART * 2\nconst PART = 21\nF main() { y: Str = TOTAL }\n") == [(c.MISMATCH, 3)]


def test_constant_cycle() -> None:
    d = only_error("const LOOP1 = LOOP2\nconst LOOP2 = LOOP1\nF main() { println(\"{LOOP1}\") }\n")
    assert (d.code, d.message) == (c.CANNOT_INFER, "the constant `LOOP1` is defined in terms of itself")


def test_without_a_project_imports_are_relative_to_the_entry_directory(tmp_path: Path) -> None:
    write_tree(tmp_path, {"main.vais": "U net/http\nF main() { println(http::get()) }\n",
                          "net/http.vais": "U util\nP F get() -> Str = util::tag()\n",
                          "util.vais": "P F tag() -> Str = \"ok\"\n"})
    assert [d for d in analyse(tmp_path / "main.vais").diagnostics if d.is_error] == []
