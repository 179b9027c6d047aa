//! The malformed-input corpus: each file under `tests/fixtures/malformed/` gives exactly the
//! diagnostics in its snapshot (message, line:col, caret and hint), and inputs too big or too deep
//! to keep as files are generated here.

use hotwash::engine::load::{MAX_FILE_BYTES, load_bytes, load_file, load_str};

fn rendered(name: &str) -> String {
    let shown = format!("tests/fixtures/malformed/{name}");
    let (source, checked) = load_file(&crate::root().join(&shown));
    assert!(checked.scenario.is_none() || name == "warnings.ron", "{name} should not load");
    checked.diagnostics.iter().map(|d| d.render(&shown, &source)).collect::<Vec<_>>().join("\n")
}

macro_rules! corpus {
    ($($test:ident => $file:literal),* $(,)?) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), rendered($file));
        }
    )*};
}

corpus! {
    empty_file => "empty.ron",
    binary_file => "binary.ron",
    non_utf8_file => "latin1.ron",
    truncated_file => "truncated.ron",
    unknown_field => "unknown-field.ron",
    wrong_type => "wrong-type.ron",
    unknown_variant => "unknown-variant.ron",
    missing_field => "missing-field.ron",
    metadata => "metadata.ron",
    references => "references.ron",
    types => "types.ron",
    structure => "structure.ron",
    graph => "graph.ron",
    placeholders => "placeholders.ron",
    warnings => "warnings.ron",
}

#[test]
fn every_problem_in_a_file_is_reported_not_only_the_first() {
    let (_, checked) = load_file(&crate::root().join("tests/fixtures/malformed/references.ron"));
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    assert_eq!(errors, 6, "{:#?}", checked.diagnostics);
}

#[test]
fn nesting_a_hundred_thousand_deep_is_refused_without_overflowing_the_stack() {
    let source = std::fs::read_to_string(crate::root().join("tests/fixtures/malformed/types.ron")).unwrap();
    let source = source.replace("when: Not(Chose(\"c\"))", &format!("when: {}", "Not(".repeat(100_000)));
    let checked = load_str(&source);
    assert_eq!(checked.diagnostics.len(), 1);
    let d = &checked.diagnostics[0];
    assert_eq!(d.message, "the file nests deeper than a scenario may");
    assert!(d.hint.as_deref().is_some_and(|h| h.starts_with("at most 128 levels as the reader counts them")));
    assert_eq!(d.span.map(|s| (s.start.line, s.start.col)), Some((18, 276)));
}

#[test]
fn the_documented_nesting_limit_is_the_real_one() {
    // "About 55 conditions inside one another" (docs/scenario-format.md): 55 read, 60 do not.
    let template = std::fs::read_to_string(crate::root().join("src/cli/template.en.ron"))
        .unwrap()
        .replace("{ID}", "deep")
        .replace("{CATEGORY}", "FraudCall");
    let nested = |n: usize| {
        let condition = format!("{}HarmDone{}", "Not(".repeat(n), ")".repeat(n));
        template.replacen(
            "                    id: \"refuse_and_call_back\",",
            &format!("                    id: \"refuse_and_call_back\",\n                    when: {condition},"),
            1,
        )
    };
    assert!(!load_str(&nested(55)).has_errors(), "{:?}", load_str(&nested(55)).diagnostics);
    let deep = load_str(&nested(60));
    assert_eq!(deep.diagnostics[0].message, "the file nests deeper than a scenario may");
}

#[test]
fn a_fifty_megabyte_file_is_refused_by_size() {
    let bytes = vec![b' '; 50 * 1024 * 1024];
    let checked = load_bytes(&bytes);
    assert_eq!(checked.diagnostics.len(), 1);
    assert_eq!(
        checked.diagnostics[0].message,
        format!("the file is 52428800 bytes; scenario files may be at most {MAX_FILE_BYTES} bytes (16 MiB)")
    );
}

#[test]
fn a_huge_string_loads_and_is_checked_like_any_other() {
    let source = std::fs::read_to_string(crate::root().join("tests/fixtures/malformed/placeholders.ron")).unwrap();
    let huge = "很长的文字".repeat(600_000);
    let source = source.replace("您好，我是", &huge);
    assert!(source.len() > 8_000_000);
    let checked = load_str(&source);
    assert!(checked.diagnostics.iter().any(|d| d.message == "placeholder `{order_no}` is never filled"));
}

#[test]
fn a_cycle_with_no_exit_is_an_error_on_each_node_of_the_loop() {
    let (_, checked) = load_file(&crate::root().join("tests/fixtures/malformed/graph.ron"));
    let stuck: Vec<&str> = checked.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.as_str()).collect();
    assert_eq!(stuck, ["no ending can be reached from node `more`", "no ending can be reached from node `even_more`"]);
}
