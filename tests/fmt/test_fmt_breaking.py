"""Lines longer than 100 columns: where and how the formatter breaks them (only where Vais lets a
statement continue: inside brackets, after a binary operator, before `.method()` and `|>`)."""

from __future__ import annotations

from fmt_support import assert_round_trip


def check(statements: str, expected: str, width: int = 100) -> None:
    source = "F main() {\n" + "".join(f"    {line}\n" for line in statements.split("\n")) + "}\n"
    formatted = assert_round_trip(source)
    assert formatted == "F main() {\n" + expected + "}\n"
    assert all(len(line) <= width for line in formatted.splitlines())


def test_arguments_one_per_line_with_a_trailing_comma() -> None:
    check("x := outer_function_name(inner_function_name(argument_one, argument_two), another_argument_value, last)",
          "    x := outer_function_name(\n"
          "        inner_function_name(argument_one, argument_two),\n"
          "        another_argument_value,\n"
          "        last,\n"
          "    )\n")


def test_return_value_arguments() -> None:
    check("R build_response(status_code, headers_collection, body_content_string, additional_metadata_value)",
          "    R build_response(\n        status_code,\n        headers_collection,\n        body_content_string,\n"
          "        additional_metadata_value,\n    )\n")


def test_binary_chain_breaks_after_each_operator() -> None:
    check("total := first_value_in_the_sum + second_value_in_the_sum + third_value_in_the_sum + fourth_value_here",
          "    total := first_value_in_the_sum +\n        second_value_in_the_sum +\n"
          "        third_value_in_the_sum +\n        fourth_value_here\n")


def test_binary_breaks_at_the_loosest_operator() -> None:
    check("z := first_condition_long_name && (second_condition_long_name || third_condition_long_name_here_ok)",
          "    z := first_condition_long_name &&\n"
          "        (second_condition_long_name || third_condition_long_name_here_ok)\n")


def test_method_chain_one_call_per_line() -> None:
    check("names := people.iter().filter(|p| p.age > 18).map(|p| p.name.to_upper()).collect_into_vector_of_names()",
          "    names := people\n        .iter()\n        .filter(|p| p.age > 18)\n        .map(|p| p.name.to_upper())\n"
          "        .collect_into_vector_of_names()\n")


def test_short_chain_root_keeps_its_first_call() -> None:
    check("v := xs.iter().filter(|candidate| candidate.is_valid()).map(|candidate| candidate.score()).sum_all()",
          "    v := xs.iter()\n        .filter(|candidate| candidate.is_valid())\n"
          "        .map(|candidate| candidate.score())\n        .sum_all()\n")


def test_pipe_chain_one_stage_per_line() -> None:
    check("r := items |> filter_items_by_predicate(predicate_value) |> transform_each_item(mapping_fn) |> done",
          "    r := items\n        |> filter_items_by_predicate(predicate_value)\n"
          "        |> transform_each_item(mapping_fn)\n        |> done\n")


def test_trailing_closure_hugs_the_call() -> None:
    check("xs.iter().for_each(|x| {\nprintln(\"{x}\")\n})",
          "    xs.iter().for_each(|x| {\n        println(\"{x}\")\n    })\n")


def test_block_argument_of_a_macro_hugs_the_call() -> None:
    check("_ := span!(\"handle_request\", request_id = req_id, {\nauthenticate_user()\nprocess_data()\n})",
          "    _ := span!(\"handle_request\", request_id = req_id, {\n        authenticate_user()\n"
          "        process_data()\n    })\n")


def test_logging_macro_keeps_its_semicolon() -> None:
    check("info!(\"Request completed\"; request_method = method, request_path = path, response_status = status, ms = d)",
          "    info!(\n        \"Request completed\";\n        request_method = method,\n        request_path = path,\n"
          "        response_status = status,\n        ms = d,\n    )\n")


def test_struct_literal_one_field_per_line() -> None:
    check("c := ServerConfiguration { host: \"localhost\", port: 8080, max_connections: 1000, timeout: 30s, x }",
          "    c := ServerConfiguration {\n        host: \"localhost\",\n        port: 8080,\n"
          "        max_connections: 1000,\n        timeout: 30s,\n        x,\n    }\n")


def test_nested_struct_literal_breaks_outside_in() -> None:
    check("o := Outer { inner: Inner { first_field: 1, second_field: 2, third_field: 3 }, other: \"text value\" }",
          "    o := Outer {\n        inner: Inner { first_field: 1, second_field: 2, third_field: 3 },\n"
          "        other: \"text value\",\n    }\n")


def test_array_literal_one_element_per_line() -> None:
    check("a := [first_element_value, second_element_value, third_element_value, fourth_element_value, fifth]",
          "    a := [\n        first_element_value,\n        second_element_value,\n        third_element_value,\n"
          "        fourth_element_value,\n        fifth,\n    ]\n")


def test_match_arm_body_breaks_inside_the_arm() -> None:
    check("M key { Some(v) => process_the_value(v, extra_argument_number_one, extra_argument_number_two, three), _ => 0 }",
          "    M key {\n        Some(v) => process_the_value(\n            v,\n            extra_argument_number_one,\n"
          "            extra_argument_number_two,\n            three,\n        ),\n        _ => 0,\n    }\n")


def test_long_condition_breaks_after_an_operator() -> None:
    check("I first_condition_holds && second_condition_is_also_true || third_condition_that_is_longer_still { go() }",
          "    I first_condition_holds && second_condition_is_also_true ||\n"
          "        third_condition_that_is_longer_still {\n        go()\n    }\n")


def test_one_line_if_else_that_does_not_fit_opens_every_block() -> None:
    check("v := I some_condition_value > threshold_value { compute_the_first_branch() } E { second_branch() }",
          "    v := I some_condition_value > threshold_value {\n        compute_the_first_branch()\n"
          "    } E {\n        second_branch()\n    }\n")


def test_a_lone_long_string_is_left_on_its_line() -> None:
    long = "x" * 100
    check(f'println("{long}")', f'    println("{long}")\n', width=200)


def test_long_signature_puts_parameters_one_per_line() -> None:
    source = ("F very_long_function_name_here(first_parameter: i64, second_parameter: Str, third: Vec<i64>) -> bool {\n"
              "    true\n}\n")
    assert assert_round_trip(source) == ("F very_long_function_name_here(\n    first_parameter: i64,\n"
                                         "    second_parameter: Str,\n    third: Vec<i64>,\n) -> bool {\n    true\n}\n")


def test_short_lists_written_on_many_lines_are_joined() -> None:
    check("x := f(\na,\nb,\n)\ny := [\n1,\n2\n]\nz := Point {\nx: 1,\ny: 2\n}",
          "    x := f(a, b)\n    y := [1, 2]\n    z := Point { x: 1, y: 2 }\n")


def test_assignment_and_defer_break_their_value() -> None:
    check("self.some_long_field_name.another_field = compute_the_new_value(argument_one, argument_two_long, three)\n"
          "D cleanup_everything_at_the_end_of_the_scope(first_argument_value, second_argument_value_x, third)",
          "    self.some_long_field_name.another_field = compute_the_new_value(\n        argument_one,\n"
          "        argument_two_long,\n        three,\n    )\n"
          "    D cleanup_everything_at_the_end_of_the_scope(\n        first_argument_value,\n"
          "        second_argument_value_x,\n        third,\n    )\n")


def test_range_index_and_repeat_never_break_at_their_own_operators() -> None:
    check("r := compute_start_of_the_range(argument_value_one)..compute_end_of_the_range(argument_two, three)\n"
          "v := matrix_with_a_long_name.rows_of_the_matrix[compute_row_index(argument_one, argument_two_x, three)]\n"
          "a := [compute_the_initial_element_value(argument_one, argument_two); compute_count(argument, other)]",
          "    r := compute_start_of_the_range(argument_value_one)..compute_end_of_the_range(\n"
          "        argument_two,\n        three,\n    )\n"
          "    v := matrix_with_a_long_name.rows_of_the_matrix[compute_row_index(\n"
          "        argument_one,\n        argument_two_x,\n        three,\n    )]\n"
          "    a := [compute_the_initial_element_value(argument_one, argument_two); compute_count(\n"
          "        argument,\n        other,\n    )]\n")


def test_ternary_is_never_broken_at_its_own_level() -> None:
    line = "t := condition_value_that_is_long ? first_alternative_value_long(x) : second_alternative_value(y, z, w)"
    check(line, f"    {line}\n", width=110)


def test_tuples_including_one_element_tuples() -> None:
    check("u := (first_element_of_the_tuple_value, second_element_of_the_tuple_value, third_element_value_x)\n"
          "one := (a_single_element_of_a_one_tuple_value_that_is_long_enough_to_break_the_line_width_limit,)",
          "    u := (\n        first_element_of_the_tuple_value,\n        second_element_of_the_tuple_value,\n"
          "        third_element_value_x,\n    )\n"
          "    one := (\n        a_single_element_of_a_one_tuple_value_that_is_long_enough_to_break_the_line_width_limit,\n"
          "    )\n")


def test_a_single_method_call_opens_its_arguments() -> None:
    check("w := get_the_receiver_object(first_argument, second_argument).method_with_a_long_name(argument_x, y)",
          "    w := get_the_receiver_object(first_argument, second_argument).method_with_a_long_name(\n"
          "        argument_x,\n        y,\n    )\n")


def test_chain_links_other_than_calls_stay_with_their_call() -> None:
    check("n := data.rows[index_of_row].cells[index_of_cell].values()?.filter(|v| v.is_valid_value()).count()!",
          "    n := data.rows[index_of_row].cells[index_of_cell]\n        .values()?\n"
          "        .filter(|v| v.is_valid_value())\n        .count()!\n")


def test_parameters_with_defaults() -> None:
    source = "F defaults(first_parameter: i64 = 5, second_parameter: Str = \"default string value\", third: i64 = 0) {}\n"
    assert assert_round_trip(source) == ("F defaults(\n    first_parameter: i64 = 5,\n"
                                         "    second_parameter: Str = \"default string value\",\n    third: i64 = 0,\n) {}\n")


def test_nested_items_are_indented_with_their_block() -> None:
    check("F local(x: i64) -> i64 = x + 1\nS Inner { a: i64 }", "    F local(x: i64) -> i64 = x + 1\n    S Inner { a: i64 }\n")
