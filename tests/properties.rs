//! Properties of every bundled scenario: random play always ends or stops with a clear error, and
//! every finished drill replays exactly.

use hotwash::engine::debrief::Answer;
use hotwash::engine::model::{InputKind, Scenario};
use hotwash::engine::replay::{compare, replay};
use hotwash::engine::runner::Pick;
use proptest::prelude::*;

use crate::{bundled, play};

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_play_ends_and_replays_exactly(
        seed in any::<u64>(),
        picks in proptest::collection::vec(0usize..6, 64),
        thinks in proptest::collection::vec(0u64..40_000, 64),
        words in "[a-z 冒充报告客户]{0,40}",
    ) {
        for file in bundled() {
            let s = std::sync::Arc::new(hotwash::engine::load::load_file(&file).1.scenario.expect("bundled scenarios load"));
            let result = play(
                &s,
                seed,
                |step, run| {
                    let n = run.options().len().max(1);
                    let p = picks[step % picks.len()];
                    // 5 means: let the clock run out where there is one.
                    if p == 5 && run.deadline().is_some() { None } else { Some(Pick::Index(p % n)) }
                },
                |step| thinks[step % thinks.len()],
                |kind| match kind {
                    InputKind::IncidentReport => Answer::Report { description: words.clone(), scope: words.clone(), measures: String::new() },
                    InputKind::FreeText => Answer::Text(words.clone()),
                },
            );
            match result {
                Ok(d) => {
                    let again = replay(&s, &d).expect("a finished drill replays");
                    prop_assert_eq!(compare(&d, &again), Vec::<String>::new(), "{}", file.display());
                    prop_assert_eq!(&again, &d);
                }
                // A bundled drill must always reach an ending; a runner error here is a bug in the
                // scenario (no option available, an endless loop) and fails with its message.
                Err(e) => prop_assert!(false, "{}: {e}", file.display()),
            }
        }
    }
}

/// Edits that probe the edges of the quick reader: forms it leaves to `ron`, broken brackets,
/// strings and comments, and whitespace `ron` accepts but the quick reader does not.
#[rustfmt::skip]
const EDITS: &[&str] = &[
    "Some(", "None", ")", "(", "]", "[", "}", "{", ",", ":", "\"", "\\", "\\\"", "\\u{41}", "\\x41", "r#\"", "\"#",
    "//", "/*", "*/", "#", "-", "+", "0x1", "1_0", "1.5", "7u32", "'c'", "b\"x\"", "r#", "\u{200E}", "\u{2028}",
    " ", "\n", "\t", "\"a\": 1,", "Crm(", "Bool(true)", "Int(-1)", "true", "99999999999",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever the quick reader reads from an edited scenario, `ron` reads the same; and it sees
    /// a repeated map key exactly when the scan that locates them finds one.
    #[test]
    fn quick_reader_agrees_with_ron_on_edited_scenarios(
        file in 0usize..1_000,
        at in 0.0f64..1.0,
        cut in 0usize..24,
        edit in proptest::option::of(0usize..EDITS.len()),
        repeat_line in any::<bool>(),
    ) {
        let files = bundled();
        // One case in 32 edits a larger synthetic scenario (160 KB).
        let source = if file % 32 == 0 {
            hotwash::engine::synth::scenario_source(150, true)
        } else {
            std::fs::read_to_string(&files[file % files.len()]).expect("bundled")
        };
        let mut at = (source.len() as f64 * at) as usize;
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(source.len());
        while !source.is_char_boundary(end) {
            end += 1;
        }
        let mut edited = format!("{}{}{}", &source[..at], edit.map_or("", |i| EDITS[i]), &source[end..]);
        if repeat_line {
            let line_start = edited[..at.min(edited.len())].rfind('\n').map_or(0, |i| i + 1);
            let line_end = edited[line_start..].find('\n').map_or(edited.len(), |i| line_start + i + 1);
            let line = edited[line_start..line_end].to_owned();
            edited.insert_str(line_start, &line);
        }
        let ron: Result<Scenario, _> = hotwash::engine::load::ron_options().from_str(&edited);
        if let Some(read) = hotwash::engine::quick::from_str::<Scenario>(&edited) {
            match ron {
                Ok(value) => prop_assert_eq!(&read.value, &value),
                Err(e) => prop_assert!(false, "the quick reader read what ron rejects ({e}):\n{edited}"),
            }
            let located = hotwash::engine::locate::duplicate_keys(&edited);
            prop_assert_eq!(read.repeated_keys, !located.is_empty(), "{:?}", located);
        }
    }
}
