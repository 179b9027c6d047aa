//! Finding values, keys and lines in RON source, and repeated keys.

use super::*;
use crate::engine::diag::Pos;

const SRC: &str = r##"// a comment
Scenario(
    id: "x", /* block /* nested */ */
    nodes: {
        "intro": (
            text: "Hi, \"there\" 你好",
            choices: [
                (id: "a", next: Some("end")),
                (id: "b", next: "nowhere", when: Is("v", Bool(true))),
            ],
        ),
        "intro": (text: r#"raw"#),
    },
)
"##;

#[test]
fn finds_values_keys_and_nested_elements() {
    let index = SourceIndex::build(SRC);
    let root = ValuePath::root();
    let nodes = root.field("nodes");
    let intro = nodes.key("intro");
    let span = |l, c, el, ec| Some(Span { start: Pos { line: l, col: c }, end: Pos { line: el, col: ec } });
    assert_eq!(index.value(&root.field("id")), span(3, 9, 3, 12));
    assert_eq!(index.key(&intro), span(5, 9, 5, 16));
    assert_eq!(index.value(&intro.field("text")), span(6, 19, 6, 37));
    assert_eq!(index.value(&intro.field("choices").index(0).field("next")), span(8, 38, 8, 43));
    assert_eq!(index.value(&intro.field("choices").index(1).field("next")), span(9, 33, 9, 42));
    let choices = intro.field("choices");
    let second = choices.index(1);
    let when = second.field("when");
    assert_eq!(index.value(&when.index(1)), span(9, 58, 9, 62));
    // A path the file does not have falls back to its nearest parent.
    assert_eq!(index.value(&when.index(1).index(0).index(7)), span(9, 63, 9, 67));
}

#[test]
fn reports_keys_written_twice() {
    let dups = duplicate_keys(SRC);
    assert_eq!(dups.len(), 1);
    assert_eq!(dups[0].map, "nodes");
    assert_eq!(dups[0].key, "intro");
    assert_eq!(dups[0].first.start, Pos { line: 5, col: 9 });
    assert_eq!(dups[0].span.start, Pos { line: 12, col: 9 });
}

#[test]
fn an_index_of_some_paths_locates_them_as_the_index_of_every_value_does() {
    // The second file has a key that makes two values share a path text, and values inside
    // `Some(…)` at paths that are not wanted.
    let collide = r##"S(m: {r#"a"].x["b"#: Some(2), "a": (x: {"b": Some((c: Some([1, (d: 2)])))})})"##;
    for (source, count) in [(SRC, 16), (collide, 9)] {
        let every = SourceIndex::build(source);
        let mut paths: Vec<&str> = every.entries.keys().map(String::as_str).collect();
        paths.sort_unstable();
        assert_eq!(paths.len(), count, "{paths:?}");
        let some = SourceIndex::build_for(source, paths.iter().copied().chain(["nodes[\"nowhere\"]"]));
        for path in &paths {
            let texts = [(*path).to_owned()];
            assert_eq!(some.value_at(&texts), every.value_at(&texts), "{path}");
            assert_eq!(some.key_at(&texts), every.key_at(&texts), "{path}");
            let alone = SourceIndex::build_for(source, [*path]);
            assert_eq!(alone.value_at(&texts), every.value_at(&texts), "{path}");
            assert_eq!(alone.key_at(&texts), every.key_at(&texts), "{path}");
        }
        let missing = ["nodes[\"nowhere\"]".to_owned()];
        assert_eq!(some.value_at(&missing), None);
    }
}

#[test]
fn a_line_is_what_str_lines_gives() {
    for src in ["", "a", "a\n", "a\n\n", "\n", "a\r\nb\r\n", "a\rb\r", "你好\r\n\r\nx\n\ny", "\t x \n"] {
        let lines = LineTable::new(src);
        assert_eq!(lines.line(0), None, "{src:?}");
        for number in 1..=6 {
            assert_eq!(lines.line(number), src.lines().nth(number - 1), "{src:?} line {number}");
        }
    }
}

#[test]
fn lines_turn_offsets_into_character_columns() {
    let lines = LineTable::new("ab\n你好x\n");
    assert_eq!(lines.pos(0), Pos { line: 1, col: 1 });
    assert_eq!(lines.pos(9), Pos { line: 2, col: 3 });
    assert_eq!(lines.offset(Pos { line: 2, col: 3 }), 9);
}
